import { describe, expect, it } from 'vitest';
import { parseConsortium } from '../../src/eligibility/consortium.ts';

const fields = (input: unknown) => parseConsortium(input).issues.map((i) => i.field);
const lead = { name: '알파AI', type: 'startup', country: 'KR' };

describe('parseConsortium', () => {
  it('reads a valid application, normalising country and registration number', () => {
    const r = parseConsortium({
      lead: { ...lead, registrationNo: '1248100998' },
      participants: [{ name: 'Acme', type: 'sme', country: 'us', role: 'global_service' }],
    });
    expect(r.issues).toEqual([]);
    expect(r.consortium).toEqual({
      lead: { name: '알파AI', type: 'startup', country: 'KR', registrationNo: '124-81-00998' },
      participants: [{ name: 'Acme', type: 'sme', country: 'US', role: 'global_service' }],
    });
  });

  it('takes a solo application without a participants field', () => {
    expect(parseConsortium({ lead }).consortium).toEqual({ lead, participants: [] });
  });

  it('names each bad field the way a person reads it, all at once', () => {
    const r = parseConsortium({
      lead: { name: '', type: 'startup', country: 'KR' },
      participants: [
        { name: 'A', type: 'sme', country: 'KR' },
        { name: 'B', type: 'sme', country: 'KOR' },
        { name: 'C', type: 'chaebol', country: 'KR' },
      ],
    });
    expect(r.consortium).toBeUndefined();
    expect(r.issues.map((i) => i.field)).toEqual(['lead.name', 'participants[1].country', 'participants[2].type']);
    const typeIssue = r.issues.find((i) => i.field === 'participants[2].type')!;
    expect(typeIssue.message.en).toBe(
      'expected one of large_enterprise, midsize_enterprise, sme, startup, university, research_institute, public_institution, got "chaebol"',
    );
  });

  it('reports a registration number with a bad checksum as an error of that field', () => {
    const r = parseConsortium({ lead, participants: [{ name: 'A', type: 'sme', country: 'KR', registrationNo: '124-81-00991' }] });
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.field).toBe('participants[0].registrationNo');
    expect(r.issues[0]!.message.en).toContain('fails its checksum');
  });

  it('rejects wrong shapes and types, naming the field', () => {
    expect(fields(null)).toEqual(['(root)']);
    expect(fields([])).toEqual(['(root)']);
    expect(fields({ participants: [] })).toEqual(['lead']);
    expect(fields({ lead, participants: {} })).toEqual(['participants']);
    expect(fields({ lead, participants: ['Acme'] })).toEqual(['participants[0]']);
    expect(fields({ lead: { ...lead, registrationNo: 1248100998 } })).toEqual(['lead.registrationNo']);
    expect(fields({ lead: { ...lead, role: 'Global Service' } })).toEqual(['lead.role']);
    expect(fields({ lead: { ...lead, name: 42 } })).toEqual(['lead.name']);
  });

  it('rejects unknown fields rather than silently dropping a misspelt one', () => {
    expect(fields({ lead: { ...lead, registrationNumber: '124-81-00998' } })).toEqual(['lead.registrationNumber']);
    expect(fields({ lead, particpants: [] })).toEqual(['particpants']);
  });

  it('refuses the same institution listed twice, by number or by name', () => {
    expect(fields({ lead, participants: [{ name: '㈜알파AI', type: 'startup', country: 'KR' }] })).toEqual(['participants[0]']);
    const byNumber = {
      lead: { ...lead, registrationNo: '124-81-00998' },
      participants: [{ name: 'Another name', type: 'sme', country: 'KR', registrationNo: '124-81-00998' }],
    };
    expect(parseConsortium(byNumber).issues[0]!.message.en).toContain('same organisation as lead');
  });

  it('accepts names in mixed scripts', () => {
    expect(parseConsortium({ lead: { ...lead, name: 'KAIST 김재철AI대학원 Lab' } }).issues).toEqual([]);
  });
});
