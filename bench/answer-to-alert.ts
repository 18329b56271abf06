/**
 * Answer-to-alert latency on a running local stack: for each of `count` customers, create an
 * order, answer its survey with a complaint, and time until the owner's alert is in the outbox.
 */
export async function measureAnswerToAlert(url: string, apiKey: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < count; i += 1) {
    const name = `Bench Customer ${i}`;
    const order = (await (
      await fetch(`${url}/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ orderId: `BENCH-${Date.now()}-${i}`, customer: { email: `bench${i}@example.com`, name } }),
      })
    ).json()) as { surveyUrl: string };
    const token = new URL(order.surveyUrl).pathname.split('/').pop();
    const started = performance.now();
    const answer = await fetch(`${url}/v1/survey-responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, score: 2, comment: 'Waited 45 minutes and the order was wrong. Not happy.' }),
    });
    if (answer.status !== 202) throw new Error(`answer ${i} got ${answer.status}`);
    const subject = `New complaint from ${name}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const outbox = (await (await fetch(`${url}/_local/outbox`)).json()) as Array<{ id: string; subject: string }>;
      const alert = outbox.find((e) => e.subject === subject && !seen.has(e.id));
      if (alert) {
        seen.add(alert.id);
        latencies.push(performance.now() - started);
        break;
      }
      if (Date.now() > deadline) throw new Error(`no alert for answer ${i} within 10 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return latencies;
}
