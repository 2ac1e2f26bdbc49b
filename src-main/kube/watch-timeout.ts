// Every watch asks the server to end it after 5 to 10 minutes, as client-go's reflector does:
// behind a load balancer, watches then spread again over API servers that came back, and the
// path that goes on from the last version seen is taken every few minutes, not once a month.

/** A watch's `timeoutSeconds`, random so that a client's watches do not all end at once. */
export const serverWatchTimeout = () => 300 + Math.floor(Math.random() * 300);
