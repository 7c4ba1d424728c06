// /sources — what the corpus holds.
import type { CommandModule } from '../src/bot/command.js';
import { privateOption } from '../src/bot/command.js';
import { renderSources } from '../src/bot/render.js';

export const sources: CommandModule = {
  data: {
    name: 'sources',
    description: 'List the articles the answers come from',
    options: [privateOption],
  },
  async execute(_i, { engine }) {
    return renderSources(engine.sources());
  },
};
export default sources;
