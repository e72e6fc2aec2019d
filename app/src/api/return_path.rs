//! Where a citizen goes back to after logging in again: the page they were
//! on when their session ended, never another site.

/// `next` if it is a path of this site to go back to (decoded once or, as
/// the router reads a query, twice: `[` and `]` stand for themselves): it starts with one
/// `/`, holds only the characters a URL's path and query hold, is not the
/// login page and not longer than a URL a page makes. Anything else is not
/// followed (an open redirect would send a citizen elsewhere after a real
/// login).
pub fn return_path(next: &str) -> Option<&str> {
    let path_chars = |c: char| c.is_ascii_alphanumeric() || "/-._~%?&=+:@!$'(),;*[]".contains(c);
    let ok = next.len() <= 512
        && next.starts_with('/')
        && !next.starts_with("//")
        && next.chars().all(path_chars)
        && next != "/login"
        && !next.starts_with("/login?")
        && !next.starts_with("/api/");
    ok.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_this_site_is_gone_back_to() {
        for path in [
            "/",
            "/records/health",
            "/records/health?filter%5Bkind%5D=lab&page=2",
            "/records/health?filter[kind]=lab",
            "/data-use/end?what=denial&target=5",
        ] {
            assert_eq!(return_path(path), Some(path));
        }
    }

    #[test]
    fn another_site_or_anything_odd_is_not() {
        for next in [
            "",
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example",
            "evil.example",
            "/records\r\nLocation: x",
            "/records#frag<script>",
            "/login",
            "/login?next=/",
            "/api/logout",
            &format!("/{}", "a".repeat(600)),
        ] {
            assert_eq!(return_path(next), None, "{next:?}");
        }
    }
}
