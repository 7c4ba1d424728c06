// /alerts (moderators): post a newly added article's quotes on a topic, or by a speaker, into a channel.
import { createHash } from 'node:crypto';
import {
  ApplicationCommandOptionType, ChannelType, type ApplicationCommandOptionAllowedChannelType, type ChatInputCommandInteraction,
} from 'discord.js';
import { optionsOf, type ArgsOf, type ChatInputCommandData, type CommandContext, type CommandModule, type Reply } from '../src/bot/command.js';
import { LIMITS, escapeAndTruncate, truncate } from '../src/bot/limits.js';
import { notice } from '../src/bot/render.js';
import { DIGEST_AFTER, DIGEST_WINDOW_MS } from '../src/alerts/dispatch.js';
import { describeAlert, loadAlerts, updateAlerts, type Alert } from '../src/alerts/state.js';
import { uselessKeywords } from '../src/feeds/keywords.js';
import { GUILD_ONLY, MODERATOR_PERMISSIONS, moderationContext, moderatorOf } from '../src/moderation/discord.js';

const NAME = 'alerts';
/** Text channels, announcement channels and threads. */
const CHANNEL_TYPES: ApplicationCommandOptionAllowedChannelType[] = [
  ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.AnnouncementThread, ChannelType.PublicThread, ChannelType.PrivateThread,
];
const MAX_ALERTS = 50;
const T = ApplicationCommandOptionType;

export const alertsData = {
  name: NAME,
  description: 'Moderators: post new quotes on a topic or by a speaker into a channel',
  default_member_permissions: MODERATOR_PERMISSIONS,
  ...GUILD_ONLY,
  options: [
    {
      name: 'add', description: 'Alert on a topic or a speaker', type: T.Subcommand, options: [
        { name: 'channel', description: 'Where the alerts are posted', type: T.Channel, required: true, channel_types: CHANNEL_TYPES },
        { name: 'topic', description: 'Words a quote must contain, e.g. prisoner exchange', type: T.String, required: false, max_length: 100 },
        { name: 'speaker', description: 'Someone quoted, e.g. Peskov', type: T.String, required: false, max_length: 100, autocomplete: true },
      ],
    },
    { name: 'list', description: 'The alerts', type: T.Subcommand },
    {
      name: 'remove', description: 'Remove an alert', type: T.Subcommand, options: [
        { name: 'alert', description: 'Start typing the topic or speaker', type: T.String, required: true, autocomplete: true, max_length: 100 },
      ],
    },
  ],
} as const satisfies ChatInputCommandData;

type AlertsArgs<S extends string> = Extract<ArgsOf<typeof alertsData>, { subcommand: S }>;

async function add(i: ChatInputCommandInteraction, ctx: CommandContext, o: AlertsArgs<'add'>): Promise<Reply> {
  const channelId = o.channel;
  const topic = o.topic?.trim().replace(/\s+/g, ' ') || undefined;
  const typedSpeaker = o.speaker?.trim() || undefined;
  if (!/^\d{1,25}$/.test(channelId)) return notice('⚠️ Pick a channel for the alerts.');
  if (!!topic === !!typedSpeaker) return notice('⚠️ Give either a `topic:` or a `speaker:` (one of the two).');
  if (topic && uselessKeywords([topic]).length) return notice('⚠️ That topic holds no searchable word; use words a quote would contain.');
  // A known speaker is stored under their main name; an unknown one is kept as typed (they may appear later).
  const speaker = typedSpeaker ? (ctx.engine.speaker(typedSpeaker)?.name ?? typedSpeaker) : undefined;
  const who = moderatorOf(i);
  const id = `a${createHash('sha256').update(`${topic ?? ''}\n${speaker ?? ''}\n${channelId}`.toLowerCase()).digest('hex').slice(0, 6)}`;
  const dir = (await moderationContext(ctx)).dir;
  const result = await updateAlerts(dir, (s) => {
    if (s.alerts.some((a) => a.id === id)) return 'exists' as const;
    if (s.alerts.length >= MAX_ALERTS) return 'full' as const;
    const alert: Alert = { id, topic, speaker, channelId, addedBy: `${who.id} (${who.name})`, addedAt: new Date(ctx.now()).toISOString() };
    s.alerts.push(alert);
    return alert;
  });
  if (result === 'exists') return notice('That alert already exists.');
  if (result === 'full') return notice(`⚠️ There are already ${MAX_ALERTS} alerts; remove one first.`);
  ctx.log(`alerts: ${who.name} (${who.id}) added alert ${id}: ${describeAlert(result)} → ${channelId}`);
  const known = typedSpeaker && !ctx.engine.speaker(typedSpeaker) ? ' (no quotes by that name yet; it starts working once there are)' : '';
  return notice(`🔔 Alert \`${id}\` on ${escapeAndTruncate(describeAlert(result), 150)}${known}: new articles with a matching quote are posted in <#${channelId}> (no mentions; a digest after ${DIGEST_AFTER} in ${DIGEST_WINDOW_MS / 60_000} minutes).`);
}

async function list(ctx: CommandContext): Promise<Reply> {
  const { alerts } = await loadAlerts((await moderationContext(ctx)).dir);
  if (alerts.length === 0) return notice('No alerts yet. Add one with `/alerts add`.');
  const lines = alerts.map((a) => `\`${a.id}\` ${escapeAndTruncate(describeAlert(a), 150)} → <#${a.channelId}> (by ${escapeAndTruncate(a.addedBy, 60)})`);
  return { embeds: [{ title: `Alerts (${alerts.length})`, description: truncate(lines.join('\n'), LIMITS.embedDescription) }], ephemeral: true };
}

async function remove(ctx: CommandContext, o: AlertsArgs<'remove'>): Promise<Reply> {
  const typed = o.alert.trim();
  const removed = await updateAlerts((await moderationContext(ctx)).dir, (s) => {
    const a = s.alerts.find((x) => x.id === typed);
    if (a) s.alerts = s.alerts.filter((x) => x !== a);
    return a;
  });
  if (!removed) return notice(`There is no alert \`${escapeAndTruncate(typed, 40)}\`. Pick one from the suggestions.`);
  return notice(`🗑️ Removed the alert on ${escapeAndTruncate(describeAlert(removed), 150)}.`);
}

export const alertsCommand: CommandModule = {
  data: alertsData,
  ephemeral: true,
  moderatorOnly: true,
  async execute(i, ctx) {
    // A broken alerts file (FeedStateError) or a refusal is thrown on: the router shows the reason.
    const o = optionsOf(i, alertsData);
    switch (o.subcommand) {
      case 'add': return add(i, ctx, o);
      case 'remove': return remove(ctx, o);
      case 'list': return list(ctx);
    }
  },
  async autocomplete(i, ctx) {
    const focused = i.options.getFocused(true);
    if (focused.name === 'speaker') return ctx.engine.speakers(String(focused.value), 25).map((s) => ({ name: `${s.name} (${s.quotes} quotes)`, value: s.name.slice(0, 100) }));
    const typed = String(focused.value).trim().toLowerCase();
    const { alerts } = await loadAlerts((await moderationContext(ctx)).dir).catch(() => ({ alerts: [] as Alert[] }));
    return alerts.filter((a) => !typed || describeAlert(a).toLowerCase().includes(typed) || a.id.startsWith(typed))
      .slice(0, 25).map((a) => ({ name: `${describeAlert(a)} (${a.id})`.slice(0, 100), value: a.id }));
  },
};
export default alertsCommand;
