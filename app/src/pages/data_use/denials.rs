//! Denials of consent to data sharing: the valid ones, new ones through a
//! confirmation step, and the one emergency permission for denied prescriptions.

use leptos::prelude::*;

use super::new_denial::DenialKindForm;
use super::*;
use crate::pages::layout::FlashMessage;

/// The denial forms' actions (see `DataUseSections`).
#[derive(Clone, Copy)]
pub struct DenialActions {
    pub allow_rx: ServerAction<AllowPrescriptionEmergency>,
    pub withdraw_rx: ServerAction<WithdrawPrescriptionEmergency>,
}

/// The valid denials, the forms for a new one, and the emergency permission.
#[component]
pub fn DenialsSection(page: DataUseView, actions: DenialActions) -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let DenialActions { allow_rx, withdraw_rx } = actions;
    // Only the person themself sets and cancels denials (DOMAIN.md §6): a
    // guardian sees the child's, with where to ask for one.
    let key = page.form_key.clone().filter(|_| page.child_name.is_none());
    let for_new = page.clone();
    view! {
        <section class="panel" aria-labelledby="du-denials">
            <h2 id="du-denials">{t.denials_heading}</h2>
            <FlashMessage place="du-denials" />
            <p>{t.denials_explain}</p>
            <p data-testid="denials-and-consents">
                {t.denial_before_consent} " "
                <a href="/data-use/preview?situation=emergency">{t.event_emergency_link}</a>
            </p>
            {page
                .child_name
                .is_some()
                .then(|| {
                    view! {
                        <p class="callout" data-testid="denials-own-matter">
                            {t.err_own_denials}
                        </p>
                    }
                })}
            {if page.denials.is_empty() {
                let none = match page.child_name.as_ref().or(page.view_only_for.as_ref()) {
                    Some(name) => (t.denials_none_of)(name),
                    None => t.denials_none.to_string(),
                };
                view! { <p data-testid="no-denials">{none}</p> }.into_any()
            } else {
                view! {
                    <ul class="denials" data-testid="denials">
                        {page
                            .denials
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <li class="declaration" data-testid="denial">
                                        <p>
                                            <strong>{d.description}</strong>
                                        </p>
                                        <p class="muted">
                                            {(t.denial_set_on)(&locale.local_date(d.set_at))}
                                            {d.allow_in_emergency.then(|| format!(" {}", t.denial_emergency_yes))}
                                        </p>
                                        {match key.is_some() {
                                            false => None,
                                            true if d.cancellable => {
                                                Some(
                                                    view! {
                                                        <a
                                                            class="button button--secondary"
                                                            href=format!("/data-use/end?what=denial&target={}", d.id)
                                                        >
                                                            {t.denial_cancel_button}
                                                        </a>
                                                    }
                                                        .into_any(),
                                                )
                                            }
                                            true => {
                                                Some(
                                                    view! {
                                                        <p class="muted" data-testid="denial-not-cancellable">
                                                            {t.denial_not_cancellable}
                                                        </p>
                                                    }
                                                        .into_any(),
                                                )
                                            }
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {key
                .is_some()
                .then(|| {
                    view! {
                        <h3>{t.new_denial_heading}</h3>
                        <DenialKindForm page=for_new />
                    }
                })}
            {(!page.prescription_choices.is_empty() || page.prescription_emergency.is_some())
                .then(|| {
                    let form_key = key.as_ref().map(|key| format!("{key}-rx-emergency"));
                    view! {
                        <div class="declaration" data-testid="prescription-emergency">
                            <h3>{t.rx_emergency_heading}</h3>
                            <p>{t.rx_emergency_explain}</p>
                            {match page.prescription_emergency {
                                Some(at) => {
                                    view! {
                                        <p class="state" data-testid="state">
                                            {(t.rx_emergency_allowed)(&locale.local_date(at))}
                                        </p>
                                        {form_key
                                            .map(|form_key| {
                                                view! {
                                                    <ActionForm action=withdraw_rx>
                                                        <input type="hidden" name="form_key" value=form_key />
                                                        <button type="submit" class="button button--secondary">
                                                            {t.rx_emergency_withdraw_button}
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    }
                                        .into_any()
                                }
                                None => {
                                    view! {
                                        <p class="state" data-testid="state">
                                            {t.rx_emergency_not_allowed}
                                        </p>
                                        {form_key
                                            .map(|form_key| {
                                                view! {
                                                    <ActionForm action=allow_rx>
                                                        <input type="hidden" name="form_key" value=form_key />
                                                        <button type="submit" class="button button--secondary">
                                                            {t.rx_emergency_allow_button}
                                                        </button>
                                                    </ActionForm>
                                                }
                                            })}
                                    }
                                        .into_any()
                                }
                            }}
                        </div>
                    }
                })}
        </section>
    }
}
