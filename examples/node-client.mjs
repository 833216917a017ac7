// Calling Calma from Node with the official `openai` package, as a NestJS backend would.
//   cd examples && npm install
//   CALMA_URL=http://127.0.0.1:8000/v1 CALMA_API_KEY=... node node-client.mjs
import OpenAI from "openai";

const client = new OpenAI({
  baseURL: process.env.CALMA_URL ?? "http://127.0.0.1:8000/v1",
  apiKey: process.env.CALMA_API_KEY ?? "no-key", // any string when the server has no key (loopback only)
});
const maxTokens = Number(process.env.CALMA_MAX_TOKENS ?? 60);

// One reply: `calma` lets Calma's safety gate and router pick crisis / therapeutic / casual.
const reply = await client.chat.completions.create({
  model: "calma",
  messages: [{ role: "user", content: "I haven't been sleeping and I feel so alone lately." }],
  max_tokens: maxTokens,
});
console.log(reply.choices[0].message.content);
// Calma's extra field: which route answered and whether the output guard intervened.
console.log(`route: ${reply.calma.route}, guard: ${reply.calma.guard}`);

// Streaming, token by token; the first chunk carries the route.
const stream = await client.chat.completions.create({
  model: "calma",
  messages: [{ role: "user", content: "Hi! How is your day going?" }],
  max_tokens: maxTokens,
  stream: true,
});
for await (const chunk of stream) {
  if (chunk.calma && chunk.choices[0]?.delta?.role) console.log(`[route: ${chunk.calma.route}]`);
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
console.log("\nstream done");
