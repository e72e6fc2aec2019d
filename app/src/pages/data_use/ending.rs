//! The confirmation step before a denial is cancelled or a consent
//! withdrawn: what ends and what follows, then the one button that ends it
//! (a plain POST without JavaScript), or back without a change.

use leptos::prelude::*;

use super::*;

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
    let error = move || {
        [cancel.value().get(), withdraw.value().get(), withdraw_cross.value().get()]
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
                    ((t.ending_consent_what)(&s.description), t.ending_withdraw_button)
                };
                let submit = view! {
                    <input type="hidden" name="form_key" value=key />
                    <button type="submit" class="button">
                        {button}
                    </button>
                };
                let form = match s.what.as_str() {
                    "denial" => {
                        view! {
                            <ActionForm action=cancel>
                                <input type="hidden" name="denial" value=s.target />
                                {submit}
                            </ActionForm>
                        }
                            .into_any()
                    }
                    "consent" => {
                        view! {
                            <ActionForm action=withdraw>
                                <input type="hidden" name="sector" value=s.target />
                                {submit}
                            </ActionForm>
                        }
                            .into_any()
                    }
                    _ => {
                        view! {
                            <ActionForm action=withdraw_cross>
                                <input type="hidden" name="direction" value=s.target />
                                {submit}
                            </ActionForm>
                        }
                            .into_any()
                    }
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
