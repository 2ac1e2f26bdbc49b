// Self-signed certificates for the practice cluster and its tests, made by openssl.
import { run } from "./run.ts";

export interface CertificateRequest {
  commonName: string;
  /** e.g. "DNS:demo.kubedeck.local" or "IP:127.0.0.1" */
  subjectAltName?: string;
  days: number;
  keyOut: string;
  certOut: string;
}

export function selfSignedCertificate({ commonName, subjectAltName, days, keyOut, certOut }: CertificateRequest): Promise<string> {
  return run("openssl", [
    ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", String(days), "-subj", `/CN=${commonName}`],
    ...(subjectAltName ? ["-addext", `subjectAltName=${subjectAltName}`] : []),
    ...["-keyout", keyOut, "-out", certOut],
  ]);
}
