import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { OrderSyncBlock } from "./OrderSyncBlock";

export default async () => {
  render(<OrderSyncBlock />, document.body);
};
