// The fake OpenAI-compatible server in its own process, so the runner being measured does not
// share an event loop with it. Prints its URL on stdout; stops when stdin closes.
import { startFakeOpenAiServer } from '../../packages/app/src/adapters/openai-endpoint/fake-openai-server.ts';

const items = Number(process.argv[2] ?? 4000);
const latencyMs = Number(process.argv[3] ?? 50);
const server = await startFakeOpenAiServer({
  items: Array.from({ length: items }, (_, i) => ({ question: `Bench question ${i}?`, choices: ['a', 'b', 'c', 'd'], answer: i % 4 })),
  latencyMs,
});
process.stdout.write(server.url + '\n');
process.stdin.resume();
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
