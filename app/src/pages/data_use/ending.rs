//! The confirmation step before a denial is cancelled or a consent
//! withdrawn: what ends and what follows, then the one button that ends it
//! (a plain POST without JavaScript), or back without a change.

use leptos::prelude::*;

use super::*;
use crate::api::wellbeing::WithdrawWellbeingConsent;

/// The form that ends it: the action, the field naming what ends, and the
/// key and button. (A macro: `ActionForm` is generic over each server
/// function's type.)
macro_rules! end_form {
    ($action:expr, $field:literal, $target:expr, $submit:expr) => {
        view! {
            <ActionForm action=$action>
                <input type="hidden" name=$field value=$target />
                {$submit}
            </ActionForm>
        }
        .into_any()
    };
}

#[component]
pub fn EndingConfirmPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("what").unwrap_or_default(), q.get("target").unwrap_or_default())
    });
    let step =
        Resource::new(move || (args.get(), locale), |((what, target), locale)| ending_step(what, target, locale));
    let cancel = ServerAction::<CancelDenial>::new();
    let withdraw = ServerAction::<WithdrawConsent>::new();
    let withdraw_cross = ServerAction::<WithdrawCrossConsent>::new();
    let withdraw_wellbeing = ServerAction::<WithdrawWellbeingConsent>::new();
    let error = move || {
        [cancel.value().get(), withdraw.value().get(), withdraw_cross.value().get(), withdraw_wellbeing.value().get()]
            .into_iter()
            .flatten()
            .find_map(Result::err)
            .map(|e| view! { <ErrorSummary error=e /> })
    };
    let title = if args.get_untracked().0 == "denial" { t.ending_title_denial } else { t.ending_title_consent };
    view! {
        <PageTitle title=title />
        <h1>{title}</h1>
        {loaded(
            step,
            move |s| {
                let key = format!("{}-end", s.form_key);
                let (what, button) = if s.what == "denial" {
                    ((t.ending_denial_what)(&s.description), t.ending_cancel_button)
                } else {
                    (s.description.clone(), t.ending_withdraw_button)
                };
                let submit = view! {
                    <input type="hidden" name="form_key" value=key />
                    <button type="submit" class="button">
                        {button}
                    </button>
                };
                let form = match s.what.as_str() {
                    "denial" => end_form!(cancel, "denial", s.target, submit),
                    "consent" => end_form!(withdraw, "sector", s.target, submit),
                    "wellbeing" => end_form!(withdraw_wellbeing, "sector", s.target, submit),
                    _ => end_form!(withdraw_cross, "direction", s.target, submit),
                };
                view! {
                    {error}
                    <p class="lead" data-testid="ending-what">
                        {what}
                    </p>
                    <ul class="consequences" data-testid="consequences">
                        {s.consequences.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                    </ul>
                    <p>
                        <a href="/data-use/preview">{t.preview_title}</a>
                    </p>
                    {form}
                    <p>
                        <a href="/data-use">{t.ending_back}</a>
                    </p>
                }
            },
        )}
    }
}
