/** `axp inbox link`: a single-use sign-in link to the inbox web page, for a person. */
import { type Command, intValue, optional, requiredString } from "../command.ts";
import { formatRecord } from "../output.ts";

const link: Command = {
  name: "inbox link",
  summary: "Mint a single-use sign-in link to the inbox web page for a person (admin key)",
  options: {
    human: { type: "string", value: "HUMAN_ID", description: "The person who signs in (required), e.g. hum_…" },
    ttl: { type: "string", value: "SECONDS", description: "How long the link works, 1–3600 (default 900)" },
  },
  details:
    "Prints the link to open in a browser: it signs the person in to the inbox page at /inbox/ once, until it expires. " +
    "The secret is in the link's #fragment, which browsers never send to a server. With --json, prints {url, token, human_id, expires_at}.\n\n" +
    "Example:\n  axp inbox link --human hum_0123 --ttl 600",
  async run(ctx, values) {
    const minted = await ctx.client().inbox.signInLink(requiredString(values, "human"), optional("ttlSeconds", intValue(values, "ttl", 1, 3600)));
    ctx.out.result(minted, (l) => `${formatRecord([["link", l.url], ["person", l.human_id], ["expires", l.expires_at]])}\n(open it in a browser; it works once)`);
  },
};

export const inboxLinkCommands: Command[] = [link];
