//! The built site's static files under their content-hashed names.
//!
//! `scripts/build-site.sh` names each file in the package directory after
//! its content (`kanta.<hash>.css`) and lists the hashes in `hash.txt` in the
//! site root, one `kind: hash` per line: `js`, `wasm` and `css` as
//! cargo-leptos writes them (Leptos's `<HydrationScripts>` reads `js` and
//! `wasm` itself), and `icon` for the favicon. A changed file gets a new
//! name, so a browser may keep every file for a year (`immutable`). Without
//! `hash.txt` (a server built with `cargo leptos watch`) the plain names are
//! used and the files are revalidated.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use leptos::config::LeptosOptions;

/// The hash list's name in the site root.
pub const HASH_FILE: &str = "hash.txt";

static ASSETS: OnceLock<SiteAssets> = OnceLock::new();

/// Where the pages link the stylesheet and the icon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    pub stylesheet: String,
    pub icon: String,
}

impl SiteAssets {
    /// Read once per process, from the options' site root.
    pub fn of(options: &LeptosOptions) -> &'static SiteAssets {
        ASSETS.get_or_init(|| {
            let hashes = std::fs::read_to_string(Path::new(options.site_root.as_ref()).join(HASH_FILE)).ok();
            Self::named(&options.site_pkg_dir, &options.output_name, hashes.as_deref().unwrap_or_default())
        })
    }

    /// The names, once a page (or the server's start) has read them.
    pub fn get() -> Option<&'static SiteAssets> {
        ASSETS.get()
    }

    fn named(pkg_dir: &str, output_name: &str, hashes: &str) -> SiteAssets {
        let hash = |kind: &str| {
            hashes.lines().filter_map(|l| l.split_once(':')).find(|(k, _)| k.trim() == kind).map(|(_, h)| h.trim())
        };
        let name = |stem: &str, kind: &str, ext: &str| match hash(kind) {
            Some(h) => format!("/{pkg_dir}/{stem}.{h}.{ext}"),
            None => format!("/{pkg_dir}/{stem}.{ext}"),
        };
        SiteAssets {
            stylesheet: name(output_name, "css", "css"),
            icon: match hash("icon") {
                Some(_) => name("favicon", "icon", "svg"),
                None => "/favicon.svg".into(),
            },
        }
    }
}

/// The hash list to give Leptos (absolute, since Leptos looks for a relative
/// one beside the server's executable), when the build wrote one.
pub fn hash_file(site_root: &str) -> Option<PathBuf> {
    let path = std::path::absolute(Path::new(site_root).join(HASH_FILE)).ok()?;
    path.is_file().then_some(path)
}

/// Whether a static file's name carries its content's hash
/// (`<stem>.<16 hex digits>.<ext>`): such a file never changes.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let mut parts = name.split('.').skip(1);
    parts.next().is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        && parts.next().is_some_and(|ext| !ext.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_hash_list_and_fall_back_to_the_plain_names() {
        let hashed =
            SiteAssets::named("pkg", "kanta", "js: 0123456789abcdef\ncss: 00112233aabbccdd\nicon: ffeeddccbbaa0099\n");
        assert_eq!(hashed.stylesheet, "/pkg/kanta.00112233aabbccdd.css");
        assert_eq!(hashed.icon, "/pkg/favicon.ffeeddccbbaa0099.svg");
        let plain = SiteAssets::named("pkg", "kanta", "");
        assert_eq!(plain, SiteAssets { stylesheet: "/pkg/kanta.css".into(), icon: "/favicon.svg".into() });
    }

    #[test]
    fn only_a_name_with_a_content_hash_is_immutable() {
        assert!(is_content_hashed("/pkg/kanta.0123456789abcdef.wasm"));
        assert!(is_content_hashed("/pkg/kanta.0123456789abcdef.wasm.br"));
        for plain in [
            "/pkg/kanta.css",
            "/pkg/kanta_bg.wasm",
            "/pkg/kanta.0123.css",
            "/pkg/kanta.0123456789abcdeg.js",
            "/pkg/kanta.0123456789abcdef",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
        }
    }
}
