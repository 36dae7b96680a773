// Drafts a reply to a customer with Claude; a human agent reviews the draft before it is sent.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

const REPLY_SYSTEM = `You draft replies for Acme Cloud Storage support agents.
Write in a warm, plain style. Use the customer's first name. Keep the reply under 150 words,
give steps as a numbered list, and end with one question that checks the problem is solved.
Never promise refunds or dates; the agent decides those.`;

export async function draftReply(customerMessage: string, notes: string): Promise<string> {
  const msg = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 400,
    system: REPLY_SYSTEM,
    messages: [{ role: 'user', content: `Agent notes: ${notes}\n\nCustomer message:\n${customerMessage}` }],
  });
  const block = msg.content[0];
  return block?.type === 'text' ? block.text : '';
}
