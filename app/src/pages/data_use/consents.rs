//! Consents to data sharing: per sector, and the cross-sector ones.

use leptos::prelude::*;

use super::*;
use crate::api::wellbeing::GiveWellbeingConsent;
use crate::pages::layout::FlashMessage;

/// One consent form: the action, the hidden field naming what it is for,
/// the one-time form key and the button. (A macro, not a component:
/// `ActionForm` is generic over each server function's type.)
macro_rules! consent_form {
    ($action:expr, $field:literal, $code:expr, $form_key:expr, $label:expr, $class:literal) => {
        view! {
            <ActionForm action=$action>
                <input type="hidden" name=$field value=$code/>
                <input type="hidden" name="form_key" value=$form_key/>
                <button type="submit" class=$class>{$label}</button>
            </ActionForm>
        }
    };
}

/// The consent forms' actions (see `DataUseSections`).
#[derive(Clone, Copy)]
pub struct ConsentActions {
    pub give: ServerAction<GiveConsent>,
    pub update: ServerAction<UpdateConsent>,
    pub give_cross: ServerAction<GiveCrossConsent>,
}

/// Consent to data sharing, per sector.
#[component]
pub fn ConsentsSection(page: DataUseView, actions: ConsentActions) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let ConsentActions { give, update, .. } = actions;
    let key = page.form_key.clone();
    view! {
        <section class="panel" aria-labelledby="du-consents">
            <h2 id="du-consents">{t.consents_heading}</h2>
            <FlashMessage place="du-consents" />
            <p data-testid="consents-and-denials">{t.denial_before_consent}</p>
            {page
                .consents
                .into_iter()
                .map(|c| {
                    let (title, explain) = match c.sector {
                        Sector::Healthcare => (t.consent_healthcare_title, t.consent_healthcare_explain),
                        Sector::SocialWelfare => (t.consent_social_title, t.consent_social_explain),
                    };
                    let code = c.sector.as_str();
                    let state = match c.given_at {
                        Some(at) => (t.consent_given_on)(&locale.local_date(at)),
                        None => t.consent_not_given.to_string(),
                    };
                    let form_key = key.as_ref().map(|key| format!("{key}-consent-{code}"));
                    let to_update = c
                        .to_update
                        .then(|| {
                            let form_key = key.as_ref().map(|key| format!("{key}-update-{code}"));
                            // No key, no forms: the asker may not declare for the subject.
                            // A consent given before 2024 covers sharing through Kanta only.
                            view! {
                                <div class="callout" data-testid="consent-to-update">
                                    <p>{t.consent_before_2024}</p>
                                    {form_key
                                        .map(|form_key| {
                                            consent_form!(
                                                update, "sector", code, form_key, (t.consent_update_button)(t.sector(c.sector)), "button"
                                            )
                                        })}
                                </div>
                            }
                        });
                    let sector = t.sector(c.sector);
                    let form = form_key
                        .map(|form_key| {
                            if c.given_at.is_some() {
                                view! {
                                    <a
                                        class="button button--secondary"
                                        href=format!("/data-use/end?what=consent&target={code}")
                                    >
                                        {(t.consent_withdraw_button)(sector)}
                                    </a>
                                }
                                    .into_any()
                            } else {
                                consent_form!(give, "sector", code, form_key, (t.consent_give_button)(sector), "button")
                                    .into_any()
                            }
                        });
                    view! {
                        <div class="declaration" data-testid=format!("consent-{code}")>
                            <h3>{title}</h3>
                            <p>{explain}</p>
                            <p class="state" data-testid="state">
                                {state}
                            </p>
                            {to_update}
                            {form}
                        </div>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The cross-sector consents (open by 1 March 2027 at the latest).
#[component]
pub fn CrossSection(page: DataUseView, actions: ConsentActions) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let ConsentActions { give_cross, .. } = actions;
    let key = page.form_key.clone();
    view! {
        <section class="panel" aria-labelledby="du-cross">
            <h2 id="du-cross">{t.cross_heading}</h2>
            <FlashMessage place="du-cross" />
            <p>{t.cross_explain}</p>
            {if !page.cross_open {
                view! { <p data-testid="cross-not-open">{(t.cross_not_open)(&locale.date(page.cross_opens_on))}</p> }
                    .into_any()
            } else {
                page.cross
                    .into_iter()
                    .map(|c| {
                        let code = c.direction.as_str();
                        let name = t.cross_sector(c.direction);
                        let state = match c.given_at {
                            Some(at) => (t.consent_given_on)(&locale.local_date(at)),
                            None => t.consent_not_given.to_string(),
                        };
                        let form_key = key.as_ref().map(|key| format!("{key}-cross-{code}"));
                        let form = form_key
                            .map(|form_key| {
                                if c.given_at.is_some() {
                                    view! {
                                        <a
                                            class="button button--secondary"
                                            href=format!("/data-use/end?what=cross&target={code}")
                                        >
                                            {(t.cross_withdraw_button)(name)}
                                        </a>
                                    }
                                        .into_any()
                                } else {
                                    consent_form!(
                                        give_cross, "direction", code, form_key, (t.cross_give_button)(name), "button"
                                    )
                                        .into_any()
                                }
                            });
                        view! {
                            <div class="declaration" data-testid=format!("cross-{code}")>
                                <p class="state" data-testid="state">
                                    {state}
                                </p>
                                {form}
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </section>
    }
}

/// The consents to share wellbeing data (the Kanta PHR), per sector: given
/// here, withdrawn after the confirmation step. Not shown to an agent.
#[component]
pub fn WellbeingSection(page: DataUseView, give: ServerAction<GiveWellbeingConsent>) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let w = t.wellbeing;
    // Offered once a notice is confirmed (for a child, by the guardian first).
    let informed = !page.confirmations.is_empty();
    let key = page.form_key.clone().filter(|_| informed);
    page.wellbeing_consents.map(|consents| {
        view! {
            <section class="panel" aria-labelledby="du-wellbeing" data-testid="wellbeing-consents">
                <h2 id="du-wellbeing">{w.consent_heading}</h2>
                <FlashMessage place="du-wellbeing" />
                <p>{w.consent_explain}</p>
                {(!informed).then(|| view! { <p class="callout">{w.consent_after_notice}</p> })}
                {consents
                    .into_iter()
                    .map(|c| {
                        let code = c.sector.as_str();
                        let title = match c.sector {
                            Sector::Healthcare => w.consent_healthcare,
                            Sector::SocialWelfare => w.consent_social,
                        };
                        let state = match c.given_at {
                            Some(at) => (w.consent_given_on)(&locale.local_date(at)),
                            None => w.consent_not_given.to_string(),
                        };
                        let form = key
                            .as_ref()
                            .map(|key| {
                                if c.given_at.is_some() {
                                    view! {
                                        <a
                                            class="button button--secondary"
                                            href=format!("/data-use/end?what=wellbeing&target={code}")
                                        >
                                            {(w.consent_withdraw)(c.sector)}
                                        </a>
                                    }
                                        .into_any()
                                } else {
                                    let form_key = format!("{key}-wellbeing-{code}");
                                    consent_form!(give, "sector", code, form_key, (w.consent_give)(c.sector), "button")
                                        .into_any()
                                }
                            });
                        view! {
                            <div class="declaration" data-testid=format!("wellbeing-consent-{code}")>
                                <h3>{title}</h3>
                                <p class="state" data-testid="state">
                                    {state}
                                </p>
                                {form}
                            </div>
                        }
                    })
                    .collect_view()}
                <p>
                    <a href="/wellbeing">{w.title}</a>
                </p>
            </section>
        }
    })
}
