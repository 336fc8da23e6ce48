import { useEffect, useState } from 'preact/hooks';
import { smoke } from '../lib/smoke.js';

/** An island: hydrated in the browser (client:load), where it calls the SDK. */
export default function Smoke() {
  const [line, setLine] = useState('running');
  useEffect(() => {
    smoke(new URLSearchParams(location.search).get('closed')).then((printed) => {
      setLine(printed);
      console.log(`smoke: ${printed}`);
    });
  }, []);
  return <p id="client">client: {line}</p>;
}
