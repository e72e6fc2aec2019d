//! Denials of consent to data sharing: the valid ones, new ones through a
//! confirmation step, and the one emergency permission for denied prescriptions.

use leptos::prelude::*;

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
                view! { <p data-testid="no-denials">{t.denials_none}</p> }.into_any()
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
                        <div class="new-denials">
                            {(!page.event_choices.is_empty())
                                .then(|| {
                                    view! {
                                        <NewDenialForm
                                            kind=DenialKind::ServiceEvent
                                            legend=t.denial_kind_event
                                            choices=page.event_choices.clone()
                                        />
                                    }
                                })}
                            {(!page.register_choices.is_empty())
                                .then(|| {
                                    view! {
                                        <NewDenialForm
                                            kind=DenialKind::Register
                                            legend=t.denial_kind_register
                                            choices=page.register_choices.clone()
                                        />
                                    }
                                })}
                            {(!page.prescription_choices.is_empty())
                                .then(|| {
                                    view! {
                                        <NewDenialForm
                                            kind=DenialKind::Prescription
                                            legend=t.denial_kind_prescription
                                            choices=page.prescription_choices.clone()
                                        />
                                    }
                                })}
                            <NewDenialForm
                                kind=DenialKind::Comprehensive
                                legend=t.denial_kind_comprehensive
                                choices=Sector::ALL
                                    .iter()
                                    .map(|s| Choice {
                                        value: s.as_str().into(),
                                        label: t.consent_title(*s).into(),
                                    })
                                    .collect()
                            />
                            {page
                                .has_uusimaa_data
                                .then(|| {
                                    view! {
                                        <NewDenialForm
                                            kind=DenialKind::Uusimaa
                                            legend=t.denial_kind_uusimaa
                                            choices=vec![]
                                        />
                                    }
                                })}
                        </div>
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

/// The first step of a new denial: a GET form to its confirmation page.
#[component]
fn NewDenialForm(kind: DenialKind, legend: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let t = use_texts();
    let kind_value = kind.as_str();
    let select_id = format!("denial-{kind_value}-target");
    let emergency_id = format!("denial-{kind_value}-emergency");
    view! {
        <form
            class="new-denial"
            method="get"
            action="/data-use/denials/new"
            data-testid=format!("new-denial-{kind_value}")
        >
            <fieldset>
                <legend>{legend}</legend>
                <input type="hidden" name="kind" value=kind_value />
                {(kind == DenialKind::Register).then(|| view! { <p class="muted">{t.denial_register_explain}</p> })}
                {(!choices.is_empty())
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for=select_id.clone()>{legend}</label>
                                <select id=select_id.clone() name="target">
                                    {choices
                                        .into_iter()
                                        .map(|c| view! { <option value=c.value>{c.label}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                        }
                    })}
                // A prescription's emergency permission is one choice for all of them
                // (below); the Uusimaa denial never holds in an emergency (rule 6).
                {kind
                    .may_allow_emergency()
                    .then(|| {
                        view! {
                            <CheckRow kind=Check::Box id=emergency_id name="emergency" value="on">
                                {t.new_denial_emergency}
                            </CheckRow>
                        }
                    })}
                <button type="submit" class="button button--secondary">
                    {t.new_denial_continue}
                </button>
            </fieldset>
        </form>
    }
}

/// The confirmation step of a denial: its consequence in plain words.
#[component]
pub fn DenialConfirmPage() -> impl IntoView {
    let t = use_texts();
    let locale = use_locale();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.get();
        (q.get("kind").unwrap_or_default(), q.get("target").unwrap_or_default(), q.get("emergency"))
    });
    let consequence = Resource::new(
        move || (args.get(), locale),
        |((kind, target, emergency), locale)| denial_consequence(kind, target, emergency, locale),
    );
    let set = ServerAction::<SetDenial>::new();
    view! {
        <PageTitle title=t.confirm_denial_title />
        <h1>{t.confirm_denial_title}</h1>
        <Suspense fallback=move || {
            view! { <p>{t.loading}</p> }
        }>
            {move || Suspend::new(async move {
                match consequence.await {
                    Ok(c) => {
                        view! {
                            {move || {
                                set.value().get().and_then(Result::err).map(|e| view! { <ErrorSummary error=e /> })
                            }}
                            <p class="lead" data-testid="denial-what">
                                {(t.confirm_denial_what)(&c.description)}
                            </p>
                            <ul class="consequences" data-testid="consequences">
                                {c.consequences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                            </ul>
                            <ActionForm action=set>
                                <input type="hidden" name="kind" value=c.kind />
                                <input type="hidden" name="target" value=c.target />
                                {c
                                    .allow_in_emergency
                                    .then(|| view! { <input type="hidden" name="emergency" value="on" /> })}
                                <input type="hidden" name="form_key" value=format!("{}-denial", c.form_key) />
                                <button type="submit" class="button">
                                    {t.confirm_denial_button}
                                </button>
                            </ActionForm>
                            <p>
                                <a href="/data-use">{t.confirm_denial_back}</a>
                            </p>
                        }
                            .into_any()
                    }
                    Err(e) => {
                        view! {
                            <LoadError error=e />
                            <p>
                                <a href="/data-use">{t.back_to_data_use}</a>
                            </p>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
