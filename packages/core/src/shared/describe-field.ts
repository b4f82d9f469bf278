import type { LocalizedText } from './localized.ts';

/**
 * Words for the parts of a program definition and the other records the office edits, so a preview
 * of an edit says "2단계 종료일" and not `phases.1.end`. A part with no word here keeps its key,
 * which the page shows apart from the Korean text.
 */
const words: Record<string, LocalizedText> = {
  version: { ko: '정의 버전', en: 'definition version' },
  slug: { ko: '사업 식별자', en: 'slug' },
  name: { ko: '이름', en: 'name' },
  shortName: { ko: '약칭', en: 'short name' },
  description: { ko: '설명', en: 'description' },
  ministry: { ko: '주관 부처', en: 'ministry' },
  supportTypes: { ko: '지원 유형', en: 'support types' },
  durationMonths: { ko: '사업 기간(개월)', en: 'duration (months)' },
  taskCount: { ko: '과제 수', en: 'number of tasks' },
  phases: { ko: '단계', en: 'phases' },
  start: { ko: '시작일', en: 'start' },
  end: { ko: '종료일', en: 'end' },
  maxGpusPerTask: { ko: '과제당 최대 GPU', en: 'most GPUs per task' },
  gpus: { ko: 'GPU 수', en: 'GPUs' },
  reason: { ko: '사유', en: 'reason' },
  gpuPools: { ko: 'GPU 풀', en: 'GPU pools' },
  gpuModel: { ko: 'GPU 모델', en: 'GPU model' },
  gpuCount: { ko: 'GPU 수', en: 'GPU count' },
  gpusPerNode: { ko: '노드당 GPU 수', en: 'GPUs per node' },
  hostingSite: { ko: '설치 장소', en: 'hosting site' },
  calls: { ko: '공모', en: 'calls' },
  opens: { ko: '접수 시작', en: 'opens' },
  closes: { ko: '접수 마감', en: 'closes' },
  recipients: { ko: '받는 사람', en: 'recipients' },
  notice: { ko: '공고문', en: 'notice' },
  receiptPrefix: { ko: '접수번호 머리글', en: 'receipt prefix' },
  selectionScheme: { ko: '선정 평가', en: 'selection scheme' },
  groups: { ko: '평가 항목', en: 'criteria groups' },
  criteria: { ko: '세부 기준', en: 'criteria' },
  points: { ko: '배점', en: 'points' },
  weight: { ko: '가중치', en: 'weight' },
  stageEvaluation: { ko: '단계 평가', en: 'stage evaluation' },
  totalPoints: { ko: '총점', en: 'total points' },
  cadenceMonths: { ko: '평가 주기(개월)', en: 'cadence (months)' },
  firstAfterMonths: { ko: '첫 평가 시점(개월)', en: 'first after (months)' },
  performanceTarget: { ko: '성능 목표', en: 'performance target' },
  ratio: { ko: '비율', en: 'ratio' },
  referenceWindowMonths: { ko: '비교 기간(개월)', en: 'reference window (months)' },
  components: { ko: '평가 항목', en: 'components' },
  children: { ko: '세부 항목', en: 'sub-components' },
  indices: { ko: '지표', en: 'indices' },
  gates: { ko: '관문', en: 'gates' },
  decisionPolicy: { ko: '결정 방식', en: 'decision policy' },
  appealDays: { ko: '이의 신청 기간(일)', en: 'appeal window (days)' },
  eligibility: { ko: '자격 요건', en: 'eligibility' },
  rules: { ko: '규칙', en: 'rules' },
  redistribution: { ko: '탈락 팀 GPU 재배분', en: 'redistribution' },
  costShare: { ko: '자체 부담', en: 'cost share' },
  tiers: { ko: '공개 수준', en: 'openness tiers' },
  teamSharePercent: { ko: '자체 부담 비율(%)', en: 'team share (%)' },
  sources: { ko: '출처', en: 'sources' },
  resultPublication: { ko: '결과 공개 방식', en: 'result publication' },
  key: { ko: '식별자', en: 'key' },
  id: { ko: '식별자', en: 'id' },
  kind: { ko: '종류', en: 'kind' },
  taskSlots: { ko: '과제 자리', en: 'task slots' },
  count: { ko: '개수', en: 'count' },
  keys: { ko: '과제 번호', en: 'keys' },
  subCriteria: { ko: '세부 기준', en: 'sub-criteria' },
  nextPhase: { ko: '다음 단계', en: 'next phase' },
  types: { ko: '기관 유형', en: 'types' },
  min: { ko: '최소', en: 'minimum' },
  max: { ko: '최대', en: 'maximum' },
  list: { ko: '명단', en: 'list' },
  scope: { ko: '적용 범위', en: 'scope' },
  country: { ko: '국가', en: 'country' },
  foreignAllowedRoles: { ko: '해외 기관 허용 역할', en: 'roles open to foreign organisations' },
  maxParticipants: { ko: '최대 참여기관 수', en: 'most participants' },
  exclusionLists: { ko: '제외 기관 명단', en: 'exclusion lists' },
  aliases: { ko: '다른 이름', en: 'aliases' },
  rule: { ko: '규칙', en: 'rule' },
  note: { ko: '비고', en: 'note' },
  requires: { ko: '요건', en: 'requires' },
  weights: { ko: '가중치 공개', en: 'weights released' },
  code: { ko: '코드 공개', en: 'code released' },
  data: { ko: '데이터 공개', en: 'data released' },
  osiLicence: { ko: 'OSI 승인 라이선스', en: 'OSI licence' },
  additional: { ko: '추가 공모 조건', en: 'additional call terms' },
  fills: { ko: '채우는 자리', en: 'fills' },
  call: { ko: '공모', en: 'call' },
  slots: { ko: '자리 수', en: 'slots' },
  gpuOffer: { ko: '제공 GPU', en: 'GPU offer' },
  pool: { ko: 'GPU 풀', en: 'pool' },
  decisionRule: { ko: '결정 규칙', en: 'decision rule' },
  of: { ko: '판단 주체', en: 'of' },
  recommendAtPoints: { ko: '추천 기준 점수', en: 'recommend at points' },
  allowNoSelection: { ko: '선정 없음 허용', en: 'no selection allowed' },
  assumption: { ko: '가정', en: 'assumption' },
  perStage: { ko: '단계별 탈락 수', en: 'per stage' },
  startTeams: { ko: '시작 팀 수', en: 'teams at start' },
  finalTeams: { ko: '최종 팀 수', en: 'teams at the end' },
  remainder: { ko: '나머지 처리', en: 'remainder' },
  // eligibility rules have no name of their own: they are known by their kind
  allowedLeadTypes: { ko: '주관기관 유형 규칙', en: 'lead types rule' },
  allowedParticipantTypes: { ko: '참여기관 유형 규칙', en: 'participant types rule' },
  requiredMemberType: { ko: '필수 참여 유형 규칙', en: 'required member rule' },
  excludedOrganisations: { ko: '제외 기관 규칙', en: 'excluded organisations rule' },
  domesticOnly: { ko: '국내 기관 규칙', en: 'domestic organisations rule' },
  consortiumSize: { ko: '컨소시엄 규모 규칙', en: 'consortium size rule' },
  maxApplicationsPerLead: { ko: '주관기관당 신청 수 규칙', en: 'applications per lead rule' },
  status: { ko: '상태', en: 'status' },
  effectiveFrom: { ko: '적용 시작일', en: 'effective from' },
  effectiveTo: { ko: '적용 종료일', en: 'effective to' },
  title: { ko: '제목', en: 'title' },
  email: { ko: '이메일', en: 'e-mail' },
  role: { ko: '역할', en: 'role' },
  // a task invitation taken up: the cluster user name made, and whether the person joined (a full task keeps them out)
  clusterUsername: { ko: '클러스터 사용자 이름', en: 'cluster user name' },
  joined: { ko: '과제 참여', en: 'joined the task' },
  partition: { ko: '파티션', en: 'partition' },
  cluster: { ko: '클러스터', en: 'cluster' },
  nodes: { ko: '노드', en: 'nodes' },
  verified: { ko: '확인 여부', en: 'verified' },
  eligible: { ko: '자격 충족', en: 'eligible' },
  score: { ko: '점수', en: 'score' },
  // a final evaluation's publication: what became public and how many people were mailed
  results: { ko: '결과', en: 'results' },
  task: { ko: '과제', en: 'task' },
  rank: { ko: '순위', en: 'rank' },
  excellent: { ko: '우수 과제', en: 'excellent' },
  publishedAt: { ko: '공개 시각', en: 'published at' },
  mailed: { ko: '메일 받은 사람 수', en: 'people mailed' },
  bindings: { ko: 'GPU 풀 배치', en: 'pool placements' },
  partitions: { ko: '파티션', en: 'partitions' },
  clusters: { ko: '클러스터', en: 'clusters' },
  nodeTypes: { ko: '노드 유형', en: 'node types' },
  targetModel: { ko: '대상 모델', en: 'target model' },
  demo: { ko: '데모 자료', en: 'demo data' },
  passed: { ko: '통과', en: 'passed' },
  value: { ko: '값', en: 'value' },
  source: { ko: '출처', en: 'source' },
  sourceRef: { ko: '출처 참조', en: 'source reference' },
  blind: { ko: '블라인드 평가', en: 'blind review' },
  rounds: { ko: '심사 단계', en: 'rounds' },
  dueAt: { ko: '마감 시각', en: 'due' },
  receiptNo: { ko: '접수번호', en: 'receipt number' },
  verificationStatus: { ko: '확인 상태', en: 'verification status' },
  selectionRounds: { ko: '선정 평가 단계', en: 'selection rounds' },
  reviewsPerProposal: { ko: '제안서당 평가위원 수', en: 'reviews per proposal' },
  shortlist: { ko: '다음 단계 진출 기준', en: 'shortlist' },
  ties: { ko: '동점 처리', en: 'ties' },
  scheme: { ko: '단계별 평가 기준', en: "the round's criteria" },
  teamScope: { ko: '제외 대상 범위', en: 'team scope' },
  purposeRequired: { ko: '참여 목적 필수', en: 'purpose required' },
  teamRole: { ko: '팀 내 역할', en: 'team role' },
  briefing: { ko: '설명회', en: 'briefing session' },
  at: { ko: '일시', en: 'date and time' },
  place: { ko: '장소', en: 'place' },
  onlineUrl: { ko: '온라인 참여 주소', en: 'online link' },
  notes: { ko: '안내 사항', en: 'notes' },
  documents: { ko: '공고 문서', en: 'documents' },
  announcement: { ko: '공고문 파일', en: 'announcement' },
  form: { ko: '서식', en: 'form' },
  fileName: { ko: '파일 이름', en: 'file name' },
  sha256: { ko: '파일 지문', en: 'file fingerprint (SHA-256)' },
  sizeBytes: { ko: '파일 크기', en: 'file size' },
  mediaType: { ko: '파일 형식', en: 'file type' },
  ko: { ko: '한국어', en: 'Korean' },
  en: { ko: '영어', en: 'English' },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown): v is LocalizedText => isRecord(v) && typeof v.ko === 'string' && typeof v.en === 'string';

/** One part of a field's path as readers know it: its word, or an item's own name, or its position. */
function partName(holder: unknown, key: string): LocalizedText {
  if (Array.isArray(holder)) {
    const item = holder[Number(key)];
    if (isRecord(item) && isLocalized(item.name)) return item.name;
    if (isRecord(item) && isLocalized(item.title)) return item.title;
    if (isRecord(item) && typeof item.kind === 'string' && words[item.kind]) return words[item.kind]!;
    const n = Number(key) + 1;
    return { ko: `${n}번째`, en: `#${n}` };
  }
  return words[key] ?? { ko: key, en: key };
}

/**
 * The field at `path` (`phases.1.end`) in words (`2단계 종료일` / `Phase 2 end`), read against the
 * document it belongs to (the edited one: a row added by the edit has its name there). An array
 * item with a name stands for its whole list, so "phases" is not said twice.
 */
export function describeField(document: unknown, path: string): LocalizedText {
  const parts: LocalizedText[] = [];
  let holder: unknown = document;
  let parentKey: string | undefined;
  for (const key of path.split('.')) {
    const name = partName(holder, key);
    const item: unknown = Array.isArray(holder) ? holder[Number(key)] : undefined;
    const namedItem =
      isRecord(item) && (isLocalized(item.name) || isLocalized(item.title) || (typeof item.kind === 'string' && words[item.kind] !== undefined));
    if (namedItem && parentKey && parts.length > 0 && parts.at(-1) === words[parentKey]) parts.pop();
    parts.push(name);
    parentKey = key;
    holder = isRecord(holder) || Array.isArray(holder) ? (holder as Record<string, unknown>)[key] : undefined;
  }
  return { ko: parts.map((p) => p.ko).join(' '), en: parts.map((p) => p.en).join(' ') };
}
