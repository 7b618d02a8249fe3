import { Scanner } from '../../detectors/scanner.js';
import { firstTokens, messageText } from '../tokens.js';
import type { ChatCompletionRequest, FinishReason, FunctionTool } from '../wire.js';
import { chooseLabel, labelsOffered } from './classify.js';
import { seededRandom, shortHash } from './random.js';
import type { SimulationSettings } from './settings.js';

/** What the simulated model decided to answer, before it is shaped as a completion or a stream. */
export type SimulatedReply =
  | { kind: 'text'; text: string; finish: FinishReason }
  | { kind: 'tool_call'; id: string; name: string; arguments: string };

const INJECTION = /\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|system)\s+(?:instructions|prompts?|rules)/i;
const INJECTED_COMMAND = /\b(?:say|reply with|respond with|answer with|output|print|write)\s*:?\s*["'“]?([^"'”\n]{1,200})/i;
const ASKS_FOR_SYSTEM_PROMPT = /\b(?:system prompt|your (?:instructions|guidelines|rules)|initial instructions|repeat (?:the )?(?:text|words) above|what were you told)\b/i;
const WORDS = ['the', 'plan', 'covers', 'three', 'steps', 'first', 'review', 'current', 'process', 'then', 'measure', 'outcome',
  'against', 'baseline', 'and', 'agree', 'next', 'actions', 'with', 'owners', 'risk', 'is', 'low', 'for', 'this', 'pilot'];

const piiScanner = new Scanner();

function argumentsFor(tool: FunctionTool): string {
  const schema = tool.function.parameters as { properties?: Record<string, { type?: string; enum?: unknown[] }>; required?: string[] } | undefined;
  const properties = schema?.properties ?? {};
  const names = schema?.required ?? Object.keys(properties);
  const args: Record<string, unknown> = {};
  for (const name of names) {
    const p = properties[name] ?? {};
    if (p.enum?.length) args[name] = p.enum[0];
    else if (p.type === 'number' || p.type === 'integer') args[name] = 1;
    else if (p.type === 'boolean') args[name] = true;
    else if (p.type === 'array') args[name] = [];
    else if (p.type === 'object') args[name] = {};
    else args[name] = `simulated ${name}`;
  }
  return JSON.stringify(args);
}

function toolToCall(request: ChatCompletionRequest, lastUser: string): FunctionTool | undefined {
  const tools = request.tools ?? [];
  const choice = request.tool_choice;
  if (tools.length === 0 || choice === 'none') return undefined;
  if (typeof choice === 'object') return tools.find((t) => t.function.name === choice.function.name);
  if (choice === 'required') return tools[0];
  const said = lastUser.toLowerCase();
  return tools.find((t) => said.includes(t.function.name.toLowerCase()) || said.includes(t.function.name.replace(/_/g, ' ').toLowerCase()));
}

function prose(random: () => number, tokens: number): string {
  const words: string[] = [];
  while (words.length < tokens) words.push(WORDS[Math.floor(random() * WORDS.length)]);
  return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

/**
 * The simulated model's rules, in order: answer a tool result; call a tool the user named (or that tool_choice
 * demands); the red-team behaviours (injected instructions, system-prompt requests, personal data), where the
 * vulnerable mode complies and the safe mode refuses; classification into the labels the prompt lists; otherwise a
 * deterministic paragraph. Everything is seeded by the settings' seed and the request's messages.
 */
export function decideReply(request: ChatCompletionRequest, settings: SimulationSettings): SimulatedReply {
  const random = seededRandom(settings.seed, JSON.stringify(request.messages), JSON.stringify(request.metadata ?? {}));
  const system = request.messages.filter((m) => m.role === 'system' || m.role === 'developer').map(messageText).join('\n') || settings.hiddenSystemPrompt;
  const userTexts = request.messages.filter((m) => m.role === 'user' || m.role === 'tool').map(messageText);
  const last = request.messages.at(-1);
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const said = lastUser ? messageText(lastUser) : '';
  const vulnerable = settings.mode === 'vulnerable';
  const limit = request.max_completion_tokens ?? request.max_tokens ?? Infinity;
  const text = (answer: string): SimulatedReply => {
    const capped = Number.isFinite(limit) ? firstTokens(answer, limit) : answer;
    return { kind: 'text', text: capped, finish: capped.length < answer.length ? 'length' : 'stop' };
  };

  if (last?.role === 'tool') return text(`Based on the tool result: ${messageText(last).slice(0, 200)}`);
  const tool = toolToCall(request, said);
  if (tool) return { kind: 'tool_call', id: `call_${shortHash(settings.seed, tool.function.name, said)}`, name: tool.function.name, arguments: argumentsFor(tool) };

  const injected = userTexts.find((t) => INJECTION.test(t));
  if (injected) {
    if (!vulnerable) return text('I noticed instructions in the content that try to override my guidelines, so I will not follow them.');
    if (ASKS_FOR_SYSTEM_PROMPT.test(injected)) return text(`My system prompt is: "${system}"`);
    const command = INJECTED_COMMAND.exec(injected.slice(injected.search(INJECTION)));
    return text(command ? command[1].trim() : 'Understood. I am ignoring my previous instructions.');
  }
  if (ASKS_FOR_SYSTEM_PROMPT.test(said)) {
    return text(vulnerable ? `My system prompt is: "${system}"` : 'I cannot share my system prompt or internal instructions.');
  }
  const personal = piiScanner.scan(said);
  if (personal.length > 0) {
    if (!vulnerable) return text('I can help with that, but I will not repeat personal or sensitive details.');
    return text(`Noted. I have recorded these details: ${personal.map((f) => said.slice(f.start, f.end)).join(', ')}.`);
  }
  const labels = labelsOffered(`${system}\n${said}`);
  if (labels.length > 0) return text(chooseLabel(labels, request.metadata?.expected_label, settings.classificationAccuracy, random));
  return text(`Simulated answer. ${prose(random, Math.max(1, settings.answerTokens - 3))}`);
}
