/**
 * SPDX identifiers of the licences the Open Source Initiative has approved (the SPDX licence list's
 * `isOsiApproved`), as data. Kept here rather than fetched so a check gives the same answer offline
 * and in a year's time; add to it when the OSI approves a licence.
 */
export const OSI_APPROVED_SPDX_IDS: readonly string[] = [
  '0BSD', 'AAL', 'AFL-1.1', 'AFL-1.2', 'AFL-2.0', 'AFL-2.1', 'AFL-3.0', 'AGPL-3.0-only', 'AGPL-3.0-or-later',
  'Apache-1.1', 'Apache-2.0', 'APL-1.0', 'APSL-1.0', 'APSL-1.1', 'APSL-1.2', 'APSL-2.0', 'Artistic-1.0',
  'Artistic-1.0-cl8', 'Artistic-1.0-Perl', 'Artistic-2.0', 'BlueOak-1.0.0', 'BSD-1-Clause', 'BSD-2-Clause',
  'BSD-2-Clause-Patent', 'BSD-3-Clause', 'BSD-3-Clause-LBNL', 'BSL-1.0', 'CAL-1.0', 'CAL-1.0-Combined-Work-Exception',
  'CATOSL-1.1', 'CDDL-1.0', 'CECILL-2.1', 'CERN-OHL-P-2.0', 'CERN-OHL-S-2.0', 'CERN-OHL-W-2.0', 'CNRI-Python',
  'CPAL-1.0', 'CPL-1.0', 'CUA-OPL-1.0', 'ECL-1.0', 'ECL-2.0', 'EFL-1.0', 'EFL-2.0', 'Entessa', 'EPL-1.0', 'EPL-2.0',
  'EUDatagrid', 'EUPL-1.1', 'EUPL-1.2', 'Fair', 'Frameworx-1.0', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only',
  'GPL-3.0-or-later', 'HPND', 'Intel', 'IPA', 'IPL-1.0', 'ISC', 'Jam', 'LGPL-2.0-only', 'LGPL-2.0-or-later',
  'LGPL-2.1-only', 'LGPL-2.1-or-later', 'LGPL-3.0-only', 'LGPL-3.0-or-later', 'LiLiQ-P-1.1', 'LiLiQ-R-1.1',
  'LiLiQ-Rplus-1.1', 'LPL-1.0', 'LPL-1.02', 'LPPL-1.3c', 'MirOS', 'MIT', 'MIT-0', 'MIT-Modern-Variant', 'Motosoto',
  'MPL-1.0', 'MPL-1.1', 'MPL-2.0', 'MPL-2.0-no-copyleft-exception', 'MS-PL', 'MS-RL', 'MulanPSL-2.0', 'Multics',
  'NASA-1.3', 'Naumen', 'NCSA', 'NGPL', 'Nokia', 'NPOSL-3.0', 'NTP', 'OCLC-2.0', 'OFL-1.1', 'OFL-1.1-no-RFN',
  'OFL-1.1-RFN', 'OGTSL', 'OLDAP-2.8', 'OSET-PL-2.1', 'OSL-1.0', 'OSL-2.0', 'OSL-2.1', 'OSL-3.0', 'PHP-3.0',
  'PHP-3.01', 'PostgreSQL', 'Python-2.0', 'QPL-1.0', 'RPL-1.1', 'RPL-1.5', 'RPSL-1.0', 'RSCPL', 'SimPL-2.0', 'SISSL',
  'Sleepycat', 'SPL-1.0', 'UCL-1.0', 'Unicode-DFS-2016', 'Unlicense', 'UPL-1.0', 'VSL-1.0', 'W3C', 'Watcom-1.0',
  'Xnet', 'Zlib', 'ZPL-2.0', 'ZPL-2.1',
];

/** Deprecated SPDX ids still seen in model cards, mapped to their current form. */
export const DEPRECATED_SPDX_IDS: Readonly<Record<string, string>> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-2.0+': 'GPL-2.0-or-later',
  'GPL-3.0': 'GPL-3.0-only',
  'GPL-3.0+': 'GPL-3.0-or-later',
  'LGPL-2.0': 'LGPL-2.0-only',
  'LGPL-2.0+': 'LGPL-2.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3.0': 'LGPL-3.0-only',
  'LGPL-3.0+': 'LGPL-3.0-or-later',
  'AGPL-3.0': 'AGPL-3.0-only',
};

/**
 * Licences common on model hubs that are NOT OSI-approved, with why, so a team sees the reason
 * rather than "unknown": use restrictions (Llama community licences, OpenRAIL), non-commercial or
 * no-derivatives terms (CC-BY-NC*, CC-BY-ND*), or licences the OSI never approved for software.
 */
export interface KnownNonOsiLicence {
  pattern: RegExp;
  why: { ko: string; en: string };
}
export const KNOWN_NON_OSI: readonly KnownNonOsiLicence[] = [
  { pattern: /llama/i, why: { ko: 'Llama 커뮤니티 라이선스는 이용자 수·용도 제한이 있어 OSI 승인 라이선스가 아닙니다', en: 'Llama community licences restrict users and uses; they are not OSI-approved' } },
  { pattern: /gemma/i, why: { ko: 'Gemma 이용 약관은 용도 제한이 있어 OSI 승인 라이선스가 아닙니다', en: 'the Gemma terms of use restrict uses; they are not OSI-approved' } },
  { pattern: /rail/i, why: { ko: 'RAIL/OpenRAIL 라이선스는 용도 제한이 있어 OSI 승인 라이선스가 아닙니다', en: 'RAIL/OpenRAIL licences carry use restrictions; they are not OSI-approved' } },
  { pattern: /^CC-BY(-SA)?-NC/i, why: { ko: '비영리(NC) 조건은 오픈소스 정의(차별 금지)에 어긋나 OSI 승인 라이선스가 아닙니다', en: 'non-commercial (NC) terms break the Open Source Definition; not OSI-approved' } },
  { pattern: /^CC-BY(-NC)?-ND/i, why: { ko: '변경 금지(ND) 조건은 2차 저작물을 막아 OSI 승인 라이선스가 아닙니다', en: 'no-derivatives (ND) terms forbid modification; not OSI-approved' } },
  { pattern: /^CC/i, why: { ko: '크리에이티브 커먼즈 라이선스는 OSI 승인 소프트웨어 라이선스가 아닙니다', en: 'Creative Commons licences are not OSI-approved software licences' } },
  { pattern: /^LicenseRef-/i, why: { ko: '자체 정의 라이선스(LicenseRef)는 OSI 승인 여부를 확인할 수 없습니다', en: 'a custom licence (LicenseRef) is not on the OSI-approved list' } },
];
