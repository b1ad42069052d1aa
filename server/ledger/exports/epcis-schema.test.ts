import { describe, expect, it } from 'vitest';
import { epcisExamples, epcisSchemaErrors } from '../../../test/api/epcis-schema';

// The validator the EPCIS export is held to, checked first on GS1's own documents: all must pass,
// and a broken copy must not.
describe("GS1's EPCIS 2.0 schema and examples", () => {
  const examples = epcisExamples();
  it('has all 47 of GS1\'s example documents', () => expect(examples).toHaveLength(47));
  it.each(examples.map((e) => [e.name, e.doc] as const))('%s validates', (_name, doc) => {
    expect(epcisSchemaErrors(doc)).toBeNull();
  });
  it('refuses broken copies: a bad action, a date-only eventTime, an EPC that is no URI', () => {
    const one = JSON.parse(JSON.stringify(examples.find((e) => e.name === 'Example_9.6.1-ObjectEvent.jsonld')!.doc));
    const event = one.epcisBody.eventList[0];
    for (const [field, value] of [['action', 'LOOK'], ['eventTime', '2013-06-08'], ['epcList', ['not a uri']]] as const) {
      const broken = JSON.parse(JSON.stringify(one));
      broken.epcisBody.eventList[0] = { ...event, [field]: value };
      expect(epcisSchemaErrors(broken), field).not.toBeNull();
    }
  });
});
