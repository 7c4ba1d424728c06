// /reindex (moderators): re-read every file in corpus/ (after hand edits), showing progress, then the
// counts and any file that could not be read (those are left out; the rest keeps working).
import type { ChatInputCommandData, CommandModule } from '../src/bot/command.js';
import { escapeAndTruncate, truncateLines } from '../src/bot/limits.js';
import { appendAudit } from '../src/moderation/audit.js';
import {
  GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext, moderatorOf, postModLog,
} from '../src/moderation/discord.js';
import { reindexCorpus } from '../src/moderation/reindex.js';
import { withCorpusLock } from '../src/moderation/store.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const data = {
  name: 'reindex',
  description: 'Moderators: re-read every article file (after editing files by hand)',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
} as const satisfies ChatInputCommandData;

export const reindexCommand: CommandModule = {
  data,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    // Through the router, so this cannot race its automatic deferral.
    await ctx.defer(i, true);
    const mctx = await moderationContext(ctx);
    let shown = 0;
    const report = await withCorpusLock(mctx.dir, () => reindexCorpus(ctx.engine, mctx.dir, async (done, total) => {
      // A progress line now and then; the final answer replaces it.
      if (done < total && done - shown >= 50) {
        shown = done;
        await i.editReply({ content: `Reindexing… ${done}/${total} files read.` }).catch(() => undefined);
      }
    }));
    for (const p of report.problems) ctx.log(`reindex: skipped ${p.file}: ${p.error}`);
    await ctx.corpusChanged('all');
    const s = ctx.engine.sources();
    const entry = {
      time: new Date().toISOString(), moderator: moderatorOf(i), action: 'reindex' as const,
      detail: `${report.articles} articles; ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.problems.length} bad files`,
    };
    await appendAudit(mctx.dir, entry).catch((err: Error) => ctx.log(`moderation: could not append to the audit log: ${err.message}`));
    await postModLog(i, ctx, entry);
    const lines = [
      `🔄 Reindexed: **${plural(s.articles, 'article')}**, ${plural(s.paragraphs, 'paragraph')}, ${plural(s.quotes, 'quote')} from ${plural(s.speakers, 'speaker')}.`,
      `Changed since the last read: ${report.added.length} added, ${report.updated.length} updated, ${report.removed.length} removed, ${report.unchanged} unchanged.`,
    ];
    if (report.problems.length) {
      lines.push(`⚠️ ${plural(report.problems.length, 'file')} could not be read and ${report.problems.length === 1 ? 'was' : 'were'} skipped:`);
      for (const p of report.problems.slice(0, 10)) lines.push(`• \`${escapeAndTruncate(p.file, 100)}\`: ${escapeAndTruncate(p.error, 200)}`);
      if (report.problems.length > 10) lines.push(`…and ${report.problems.length - 10} more (see the log).`);
    }
    return { content: truncateLines(lines.join('\n'), 2000), ephemeral: true };
  },
};
export default reindexCommand;
