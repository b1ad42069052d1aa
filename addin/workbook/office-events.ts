/**
 * Listening to an Office.js event for as long as the pane wants: the handler is added in its
 * own Excel.run, and removed through the context it was added with — even when the pane stops
 * listening before the handler was in place.
 */
import type { OfficeHost } from './office';

export function listenTo<A>(run: OfficeHost['run'], add: (ctx: Excel.RequestContext) => OfficeExtension.EventHandlerResult<A>): () => void {
  let handler: OfficeExtension.EventHandlerResult<A> | null = null;
  let stopped = false;
  const remove = async () => {
    const h = handler;
    handler = null;
    if (h) {
      h.remove();
      await h.context.sync();
    }
  };
  void run(async (ctx) => {
    handler = add(ctx);
    await ctx.sync();
    if (stopped) await remove();
  });
  return () => {
    stopped = true;
    void remove();
  };
}
