// Drives an LRS with @xapi/xapi over its fetch adapter, as a Node tool would.
// Usage: node client_check.mjs ENDPOINT KEY SECRET; prints one JSON object of findings.
import XAPI from "@xapi/xapi";
import { createHash, randomUUID } from "node:crypto";

const [endpoint, key, secret] = process.argv.slice(2);
const xapi = new XAPI({ endpoint, auth: XAPI.toBasicAuth(key, secret), adapter: "fetch" });
const agent = { objectType: "Agent", name: "Noor Haddad", mbox: `mailto:noor.${randomUUID()}@example.org` };
const activityId = "https://learning.example.org/modules/inclusive-leadership";
const statement = (verb) => ({
  actor: agent,
  verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } },
  object: { objectType: "Activity", id: activityId,
            definition: { name: { "en-US": "Inclusive leadership" } } },
});
const findings = {};

const sent = await xapi.sendStatement({ statement: statement("experienced") });
findings.sentIds = sent.data;
const one = await xapi.getStatement({ statementId: sent.data[0] });
findings.gotActor = one.data.actor.mbox === agent.mbox;

await xapi.sendStatements({ statements: [statement("attempted"), statement("completed")] });
const page = await xapi.getStatements({ agent, limit: 2 });
findings.firstPage = page.data.statements.length;
const more = await xapi.getMoreStatements({ more: page.data.more });
findings.secondPage = more.data.statements.length;

const content = Buffer.from("Reflection notes\nwith a trailing newline\n");
const sha2 = createHash("sha256").update(content).digest("hex");
const withAttachment = statement("commented");
withAttachment.attachments = [{
  usageType: "http://id.tincanapi.com/attachment/supporting_media",
  display: { "en-US": "Notes" }, contentType: "text/plain",
  length: content.length, sha2,
}];
const sentAttachment = await xapi.sendStatement({
  statement: withAttachment,
  attachments: [content.buffer.slice(content.byteOffset, content.byteOffset + content.length)],
});
const fetched = await xapi.getStatement({ statementId: sentAttachment.data[0], attachments: true });
const parts = fetched.data;
findings.attachmentParts = Array.isArray(parts) ? parts.length : -1;
findings.attachmentText = Array.isArray(parts) ? String(parts[1]) : null;

await xapi.setState({ agent, activityId, stateId: "bookmark", state: { page: 4 } });
const state = await xapi.getState({ agent, activityId, stateId: "bookmark" });
findings.state = state.data;

const voided = await xapi.voidStatement({ actor: agent, statementId: sent.data[0] });
findings.voidingIds = voided.data.length;
const voidedBack = await xapi.getVoidedStatement({ voidedStatementId: sent.data[0] });
findings.voidedBack = voidedBack.data.id === sent.data[0];

console.log(JSON.stringify(findings));
