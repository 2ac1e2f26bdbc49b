package main

// A small OpenID Connect issuer, so that the practice cluster has an OIDC user like the
// clusters of companies that sign in through Dex, Keycloak or a cloud identity service.
// The API server trusts it (structured authentication configuration); Kubedeck refreshes
// its id-token through the token endpoint, exactly as with a real identity provider.

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"time"
)

type oidcIssuer struct {
	url          string
	key          *rsa.PrivateKey
	keyID        string
	clientID     string
	refreshToken string
	subject      string
	groups       []string
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func (o *oidcIssuer) sign(claims map[string]any) (string, error) {
	header, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": o.keyID})
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	signing := b64(header) + "." + b64(payload)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, o.key, crypto.SHA256, sum[:])
	if err != nil {
		return "", err
	}
	return signing + "." + b64(sig), nil
}

func (o *oidcIssuer) idToken(now time.Time) (string, error) {
	return o.sign(map[string]any{
		"iss": o.url, "aud": o.clientID, "sub": o.subject,
		"email": o.subject + "@example.com", "email_verified": true, "groups": o.groups,
		"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(),
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (o *oidcIssuer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, map[string]any{
			"issuer":                                o.url,
			"jwks_uri":                              o.url + "/keys",
			"token_endpoint":                        o.url + "/token",
			"authorization_endpoint":                o.url + "/auth",
			"response_types_supported":              []string{"code"},
			"subject_types_supported":               []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"},
			"grant_types_supported":                 []string{"refresh_token"},
			"token_endpoint_auth_methods_supported": []string{"client_secret_basic", "client_secret_post", "none"},
		})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, _ *http.Request) {
		pub := o.key.PublicKey
		writeJSON(w, 200, map[string]any{"keys": []any{map[string]string{
			"kty": "RSA", "use": "sig", "alg": "RS256", "kid": o.keyID,
			"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
		}}})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.ParseForm() != nil {
			writeJSON(w, 400, map[string]string{"error": "invalid_request"})
			return
		}
		if r.PostForm.Get("grant_type") != "refresh_token" || r.PostForm.Get("refresh_token") != o.refreshToken {
			writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "unknown refresh token"})
			return
		}
		token, err := o.idToken(time.Now())
		if err != nil {
			writeJSON(w, 500, map[string]string{"error": "server_error"})
			return
		}
		writeJSON(w, 200, map[string]any{
			"access_token": token, "id_token": token, "token_type": "Bearer",
			"expires_in": 600, "refresh_token": o.refreshToken,
		})
	})
	return mux
}

// serveOIDC serves the issuer over HTTPS with the given certificate, whose key also signs
// the tokens: one key pair is plenty for a practice cluster.
func serveOIDC(ctx context.Context, addr, certFile, keyFile, refreshToken string) error {
	pair, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return fmt.Errorf("oidc certificate: %w", err)
	}
	key, ok := pair.PrivateKey.(*rsa.PrivateKey)
	if !ok {
		return fmt.Errorf("oidc key in %s is not an RSA key", keyFile)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	kid := sha256.Sum256(key.PublicKey.N.Bytes())
	issuer := &oidcIssuer{
		url: "https://" + ln.Addr().String(), key: key, keyID: b64(kid[:8]),
		clientID: "kubedeck", refreshToken: refreshToken, subject: "alice", groups: []string{"developers"},
	}
	srv := &http.Server{Handler: issuer.handler(), ReadHeaderTimeout: 5 * time.Second, TLSConfig: &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}}
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	fmt.Printf("kubedeck-sandbox-agent: oidc issuer at %s\n", issuer.url)
	return nil
}
