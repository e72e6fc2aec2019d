//! The portal's own cookies (the session's is tower-sessions'): the
//! language, and the identity code kept for a failed no-JavaScript login.

use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::{request_parts, PortalConfig};
use crate::i18n::{Locale, LANGUAGE_COOKIE};

/// The cookie that keeps a failed no-JavaScript login's identity code.
pub const LOGIN_PREFILL_COOKIE: &str = "kanta_login_code";

/// The cookie that remembers, for this browser's session, that someone was
/// logged in here: a page asked for without a session then says the session
/// ended (the session cookie itself is gone by then). It holds nothing but "1".
pub const WAS_LOGGED_IN_COOKIE: &str = "kanta_was_in";

/// The "was logged in" cookie, set (`on`, until the browser closes) or
/// cleared.
pub fn was_logged_in_cookie(on: bool, secure: bool) -> tower_sessions::cookie::Cookie<'static> {
    let mut cookie = tower_sessions::cookie::Cookie::build((WAS_LOGGED_IN_COOKIE, if on { "1" } else { "" }))
        .path("/")
        .http_only(true)
        .same_site(tower_sessions::cookie::SameSite::Lax)
        .secure(secure)
        .build();
    if !on {
        cookie.set_max_age(tower_sessions::cookie::time::Duration::ZERO);
    }
    cookie
}

/// Sets or clears the "was logged in" cookie on this server function's answer.
pub fn set_was_logged_in(on: bool) {
    let Some(res) = use_context::<ResponseOptions>() else { return };
    let secure = use_context::<PortalConfig>().is_some_and(|c| c.secure_cookies);
    if let Ok(v) = http::HeaderValue::from_str(&was_logged_in_cookie(on, secure).to_string()) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// A cookie's value in these request headers.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A cookie of the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    cookie(&request_parts()?.headers, name)
}

/// Sets, for five minutes and for the pages under `path` only, a cookie
/// that keeps what a failed no-JavaScript form had in it; an empty value
/// clears it.
fn keep_typed(name: &'static str, path: &'static str, value: String) {
    let Some(res) = use_context::<ResponseOptions>() else { return };
    let max_age = if value.is_empty() { 0 } else { 300 };
    let secure = use_context::<PortalConfig>().is_some_and(|c| c.secure_cookies);
    let cookie = tower_sessions::cookie::Cookie::build((name, value))
        .path(path)
        .max_age(tower_sessions::cookie::time::Duration::seconds(max_age))
        .http_only(true)
        .same_site(tower_sessions::cookie::SameSite::Strict)
        .secure(secure)
        .build();
    if let Ok(v) = http::HeaderValue::from_str(&cookie.to_string()) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// Sets (for five minutes, for the login page only) or clears the prefill
/// cookie. Only the characters an identity code can have are kept.
pub fn set_login_prefill(code: Option<&str>) {
    let value: String =
        code.unwrap_or("").chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '+').take(20).collect();
    keep_typed(LOGIN_PREFILL_COOKIE, "/login", value);
}

/// The cookie that keeps what a failed no-JavaScript wellbeing form had in it.
pub const WELLBEING_TYPED_COOKIE: &str = "kanta_wellbeing_typed";

/// Sets (for five minutes, for the wellbeing pages only) or clears the
/// cookie that keeps a failed measurement form's values. Only the
/// characters the form's fields can have are kept, 24 of each at most.
pub fn set_wellbeing_typed(typed: Option<&crate::domain::wellbeing::Typed>) {
    let keep = |s: &str| -> String {
        s.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ',' | ':' | '-')).take(24).collect()
    };
    let value = typed.map_or(String::new(), |t| {
        [&t.kind, &t.date, &t.time, &t.systolic, &t.diastolic, &t.pulse, &t.value, &t.corrects]
            .map(|s| keep(s))
            .join("|")
    });
    keep_typed(WELLBEING_TYPED_COOKIE, "/wellbeing", value);
}

/// What a failed no-JavaScript wellbeing form had in it, if the cookie
/// holds it.
pub fn wellbeing_typed() -> Option<crate::domain::wellbeing::Typed> {
    let value = request_cookie(WELLBEING_TYPED_COOKIE)?;
    let parts: Vec<&str> = value.split('|').collect();
    let [kind, date, time, systolic, diastolic, pulse, value, corrects] = parts[..] else { return None };
    Some(crate::domain::wellbeing::Typed {
        kind: kind.into(),
        date: date.into(),
        time: time.into(),
        systolic: systolic.into(),
        diastolic: diastolic.into(),
        pulse: pulse.into(),
        value: value.into(),
        corrects: corrects.into(),
    })
}

/// The language of the current request: the cookie, then Accept-Language.
pub fn request_locale(headers: &http::HeaderMap) -> Locale {
    let accept = headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Locale::negotiate(cookie(headers, LANGUAGE_COOKIE).as_deref(), accept)
}
