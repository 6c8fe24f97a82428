// Reads [{name, query, parameters}] as JSON on stdin and prints, as JSON, every
// diagnostic Neo4j's own language service reports for each statement.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const statements = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const report = statements.map(({ name, query, parameters }) => {
  const result = lintCypherQuery(query, { parameters: parameters ?? {} });
  const diagnostics = (result.diagnostics ?? result ?? []).map((d) => ({
    severity: d.severity,
    message: d.message,
    offsets: d.offsets,
  }));
  return { name, diagnostics };
});
process.stdout.write(JSON.stringify(report));
