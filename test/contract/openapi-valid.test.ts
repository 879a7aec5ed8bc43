import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { loadSpec } from '../../src/spec/load-spec.js';

describe.each(['mlflow', 'hokusai'])('when the %s document is checked against the OpenAPI 3.0 schema', (name) => {
  test('then it is a valid OpenAPI document whose $refs all resolve', async () => {
    const doc = structuredClone(loadSpec(name)) as OpenAPI.Document;
    let problem = '';
    await SwaggerParser.validate(doc).catch((err: Error) => {
      problem = err.message;
    });
    expect(problem).toBe('');
  });
});
