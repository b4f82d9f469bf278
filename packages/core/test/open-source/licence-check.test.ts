import { describe, expect, it } from 'vitest';
import { checkLicence, parseLicenceExpression } from '../../src/open-source/licence-check.ts';
import { OSI_APPROVED_SPDX_IDS } from '../../src/open-source/osi-licences.ts';

describe('licence check against the OSI-approved list', () => {
  it.each(['Apache-2.0', 'MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'MPL-2.0', 'GPL-3.0-or-later', 'LGPL-2.1-only', 'AGPL-3.0-only', 'apache-2.0'])(
    '%s passes where open source is required',
    (id) => {
      const c = checkLicence(id, true);
      expect(c.verdict).toBe('pass');
      expect(c.osiApproved).toBe(true);
    },
  );

  it.each([
    ['Llama-3.1-Community', 'Llama'],
    ['LicenseRef-Llama-3-Community', 'Llama'],
    ['CC-BY-NC-4.0', 'non-commercial'],
    ['CC-BY-NC-SA-4.0', 'non-commercial'],
    ['CC-BY-4.0', 'Creative Commons'],
    ['CreativeML-OpenRAIL-M', 'RAIL'],
    ['CC0-1.0', 'Creative Commons'],
  ])('%s fails with a reason naming %s', (id, reason) => {
    const c = checkLicence(id, true);
    expect(c.verdict).toBe('fail');
    expect(c.osiApproved).toBe(false);
    expect(c.message.en).toContain(reason);
    expect(c.message.ko.length).toBeGreaterThan(0);
  });

  it('reports but does not fail a non-OSI licence when the program does not require open source', () => {
    const c = checkLicence('CC-BY-NC-4.0', false);
    expect(c.verdict).toBe('notRequired');
    expect(c.osiApproved).toBe(false);
  });

  it('reads SPDX expressions: OR needs one approved side, AND needs both, WITH keeps the licence', () => {
    expect(checkLicence('MIT OR CC-BY-NC-4.0', true).verdict).toBe('pass');
    expect(checkLicence('MIT AND CC-BY-NC-4.0', true).verdict).toBe('fail');
    expect(checkLicence('(Apache-2.0 AND MIT) OR Llama-2', true).verdict).toBe('pass');
    expect(checkLicence('GPL-2.0-or-later WITH Classpath-exception-2.0', true).verdict).toBe('pass');
    // AND binds tighter than OR: MIT OR (Llama AND CC-BY-NC) → approved through MIT
    expect(checkLicence('MIT OR Llama-2 AND CC-BY-NC-4.0', true).verdict).toBe('pass');
    expect(checkLicence('Llama-2 OR CC-BY-NC-4.0 AND MIT', true).verdict).toBe('fail');
  });

  it('accepts a deprecated id with a note giving the current one', () => {
    const c = checkLicence('GPL-3.0', true);
    expect(c.verdict).toBe('pass');
    expect(c.findings[0]!.note?.en).toContain('GPL-3.0-only');
  });

  it.each(['', 'MIT OR', '(MIT', 'MIT)', 'Apache 2.0 license!', 'AND MIT'])('refuses the malformed expression %j', (text) => {
    expect(checkLicence(text, true).verdict).toBe('invalid');
  });

  it('parses every listed id as itself', () => {
    for (const id of OSI_APPROVED_SPDX_IDS) expect(parseLicenceExpression(id)).toEqual({ kind: 'id', id });
    expect(new Set(OSI_APPROVED_SPDX_IDS.map((x) => x.toLowerCase())).size).toBe(OSI_APPROVED_SPDX_IDS.length);
  });
});
