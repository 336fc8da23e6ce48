import { useEffect, useState } from "react";
import type { Route } from "./+types/home";
import { smoke } from "../smoke";

export function meta({}: Route.MetaArgs) {
  return [{ title: "minted-connect in React Router" }];
}

/** Runs on the server (react-router-serve) before the page is rendered. */
export async function loader() {
  return { server: await smoke(process.env.CLOSED_URL) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const [client, setClient] = useState("running");
  useEffect(() => {
    smoke(new URLSearchParams(location.search).get("closed")).then((line) => {
      setClient(line);
      console.log(`smoke: ${line}`);
    });
  }, []);
  return (
    <main>
      <p id="server">server: {loaderData.server}</p>
      <p id="client">client: {client}</p>
    </main>
  );
}
