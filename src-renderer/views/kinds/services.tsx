// Services in the details panel: a port-forward to one ready pod behind the Service.
import { ForwardButton } from "../forwards/ForwardButton.tsx";
import type { DetailsProps, KindView } from "./registry.tsx";

const Toolbar = ({ target, object }: DetailsProps) => <ForwardButton target={target} kind="service" object={object} />;

export const serviceView: KindView = { Toolbar };
