// A TLS Secret's certificate and key, checked before the Secret is made (the API server only
// checks that both keys are there): the certificate parses, its key is the one given, and what
// it is for (subject, names, validity) is said. node:crypto reads them; nothing is kept.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { TlsCheck } from "../../src-shared/api/types.ts";

export function checkTls(certPem: string, keyPem: string): TlsCheck {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch (e) {
    throw new ApiError({ code: "Invalid", message: "The certificate could not be read", reason: (e as Error).message });
  }
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch (e) {
    throw new ApiError({ code: "Invalid", message: "The private key could not be read", reason: (e as Error).message });
  }
  const now = Date.now();
  return {
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    names: (cert.subjectAltName ?? "").split(/,\s*/).filter(Boolean),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    expired: new Date(cert.validTo).getTime() < now,
    keyMatches: matches,
  };
}
