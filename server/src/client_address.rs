//! Whose request is this: the client's IP address, for the audit log and
//! login throttling. Directly connected, it is the peer's
//! address. Behind a reverse proxy every peer is the proxy, so the proxy's
//! `X-Forwarded-For` is believed, but only when the peer is a proxy the
//! operator named (`--trusted-proxies`): anyone else could write anything
//! in that header, and would then choose the address their failed logins
//! count against.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use app::server::ClientAddress;

/// The client of a request that came from `peer` with these
/// `X-Forwarded-For` header values. Each trusted proxy appends the address
/// it saw; so, from the right, the first address that is not a trusted
/// proxy is the client's. A malformed entry ends the walk there (what is
/// left of it was written by someone untrusted): the last trusted hop's
/// view is used.
pub fn client_ip<'a>(peer: IpAddr, forwarded_for: impl Iterator<Item = &'a str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).map(str::trim).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => client = ip,
            Ok(ip) => return ip,
            Err(_) => return client,
        }
    }
    client
}

/// Puts the request's `ClientAddress` among its extensions, for the app.
pub async fn client_address(
    State(trusted): State<std::sync::Arc<Vec<IpAddr>>>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok());
        let ip = client_ip(peer.ip(), forwarded, &trusted);
        req.extensions_mut().insert(ClientAddress(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        assert_eq!(client_ip(ip("198.51.100.9"), ["203.0.113.7"].into_iter(), &[]), ip("198.51.100.9"));
        let proxy = [ip("10.0.0.1")];
        assert_eq!(client_ip(ip("198.51.100.9"), ["203.0.113.7"].into_iter(), &proxy), ip("198.51.100.9"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        // The client wrote a fake first entry; the proxies appended the truth.
        let header = ["1.2.3.4, 203.0.113.7, 10.0.0.2"];
        assert_eq!(client_ip(ip("10.0.0.1"), header.into_iter(), &proxies), ip("203.0.113.7"));
        // Several header lines read as one list.
        let lines = ["1.2.3.4", "203.0.113.7", "10.0.0.2"];
        assert_eq!(client_ip(ip("10.0.0.1"), lines.into_iter(), &proxies), ip("203.0.113.7"));
        assert_eq!(client_ip(ip("10.0.0.1"), ["2001:db8::5"].into_iter(), &proxies), ip("2001:db8::5"));
    }

    #[test]
    fn a_missing_or_malformed_header_leaves_the_last_trusted_hop() {
        let proxies = [ip("10.0.0.1"), ip("10.0.0.2")];
        assert_eq!(client_ip(ip("10.0.0.1"), std::iter::empty(), &proxies), ip("10.0.0.1"));
        assert_eq!(client_ip(ip("10.0.0.1"), ["10.0.0.2"].into_iter(), &proxies), ip("10.0.0.2"));
        assert_eq!(client_ip(ip("10.0.0.1"), ["203.0.113.7, nonsense"].into_iter(), &proxies), ip("10.0.0.1"));
        assert_eq!(client_ip(ip("10.0.0.1"), ["nonsense, 10.0.0.2"].into_iter(), &proxies), ip("10.0.0.2"));
    }
}
