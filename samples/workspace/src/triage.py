"""Sends an incoming support message to the model and returns the queue it belongs to."""
from openai import OpenAI

client = OpenAI()

TRIAGE_SYSTEM_PROMPT = """You are the triage step of Acme Cloud Storage's support inbox.
Decide how urgent the message is and answer with one word: urgent, normal or low.
A message is urgent when the customer reports data loss, a security problem, or cannot
access their account at all. It is low when it is a feature request or general feedback."""


def triage(message: str) -> str:
    response = client.chat.completions.create(
        model="gpt-4o-mini",
        max_tokens=3,
        temperature=0,
        messages=[
            {"role": "system", "content": TRIAGE_SYSTEM_PROMPT},
            {"role": "user", "content": message},
        ],
    )
    return response.choices[0].message.content.strip()
