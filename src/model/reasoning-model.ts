/**
 * OpenAI reasoning models (o1, o3, o4-mini, gpt-5 but not gpt-5-chat) accept only the default
 * temperature and want `max_completion_tokens` instead of `max_tokens`; sending either of the usual
 * ones is a 400. Same rule as LangChain's `isReasoningModel`.
 */
export function isReasoningModel(model: string): boolean {
  const name = model.replace(/^openai\//, '');
  if (/^o\d/.test(name)) return true;
  return name.startsWith('gpt-5') && !name.startsWith('gpt-5-chat');
}
