// The admin's API for this target, as the `shopify` global of the modules that use it: the
// declaration the Shopify CLI generates. (The tester's types also bring checkout's global.)
import "@shopify/ui-extensions";

//@ts-ignore
declare module "./src/OrderSyncBlock.tsx" {
  const shopify: import("@shopify/ui-extensions/admin.order-details.block.render").Api;
  const globalThis: { shopify: typeof shopify };
}
