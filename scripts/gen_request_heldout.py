#!/usr/bin/env python3
"""Generate the held-out set of labelled agent utterances for request detection.

Written before the request rules, never used to write them: the rules were written against
tests/data/requests-dev.jsonl. Each line is one agent utterance:

    {"text": "...", "lang": "en", "kinds": ["REQUEST_CREDIT_CARD"]}

`kinds` lists what the agent asks the customer for (a question or an imperative). An utterance
that only mentions the thing (a warning, a statement, a thank-you, a question about something
else, a refusal to ask) asks for nothing and has no kinds.

Reproducible: same --seed, same bytes.
Usage: python scripts/gen_request_heldout.py --out tests/data/requests-heldout.jsonl
"""
import argparse
import json
import random
import sys

R = random.Random()

# What is asked for, per language: noun phrases as an agent says them.
OBJECTS = {
    "REQUEST_CREDIT_CARD": {
        "en": ["the long number across the front of the card", "your card number", "the 16-digit card number",
               "the numbers on your Visa", "the full card number"],
        "es": ["el número de su tarjeta", "los dieciséis dígitos de la tarjeta", "el número completo de la tarjeta"],
        "fr": ["le numéro de votre carte bancaire", "les seize chiffres de votre carte", "le numéro de la carte"],
        "de": ["Ihre Kartennummer", "die Nummer Ihrer Kreditkarte", "die sechzehnstellige Kartennummer"],
        "pt": ["o número do seu cartão", "os dezesseis dígitos do cartão", "o número completo do cartão"],
    },
    "REQUEST_CVV": {
        "en": ["the three-digit security code on the back", "the CVV", "the last three digits on the signature strip"],
        "es": ["el código de seguridad de la tarjeta", "el CVV que aparece detrás", "los tres dígitos del reverso"],
        "fr": ["le cryptogramme au dos de la carte", "le code de sécurité", "les trois chiffres au verso"],
        "de": ["die Prüfnummer auf der Rückseite", "den Sicherheitscode", "die dreistellige Prüfziffer"],
        "pt": ["o código de segurança do cartão", "o CVV no verso", "os três dígitos atrás do cartão"],
    },
    "REQUEST_CARD_EXPIRY": {
        "en": ["the expiration date on the card", "the card's expiry date", "the month and year it expires"],
        "es": ["la fecha de vencimiento de la tarjeta", "la fecha de caducidad"],
        "fr": ["la date d'expiration de la carte", "la date de validité"],
        "de": ["das Ablaufdatum der Karte", "das Verfallsdatum"],
        "pt": ["a data de validade do cartão", "o vencimento do cartão"],
    },
    "REQUEST_US_SSN": {
        "en": ["your Social Security number", "the last four of your social", "your SSN", "your social security number for verification"],
    },
    "REQUEST_DATE_OF_BIRTH": {
        "en": ["your date of birth", "your birth date", "the account holder's date of birth"],
        "es": ["su fecha de nacimiento", "la fecha de nacimiento del titular"],
        "fr": ["votre date de naissance", "la date de naissance du titulaire"],
        "de": ["Ihr Geburtsdatum", "das Geburtsdatum des Kontoinhabers"],
        "pt": ["a sua data de nascimento", "a data de nascimento do titular"],
    },
    "REQUEST_BANK_ACCOUNT": {
        "en": ["your bank account number", "the routing number of your bank", "your account and sort code"],
        "es": ["el número de su cuenta bancaria", "su número de cuenta"],
        "fr": ["votre numéro de compte bancaire", "votre IBAN"],
        "de": ["Ihre Kontonummer", "Ihre IBAN"],
        "pt": ["o número da sua conta bancária", "o número da conta e a agência"],
    },
    "REQUEST_PASSPORT": {
        "en": ["your passport number", "the number on your passport"],
        "es": ["el número de su pasaporte"],
        "fr": ["le numéro de votre passeport"],
        "de": ["Ihre Reisepassnummer", "die Nummer Ihres Reisepasses"],
        "pt": ["o número do seu passaporte"],
    },
    "REQUEST_PIN": {
        "en": ["your PIN", "the four-digit PIN for the card", "your PIN code"],
        "es": ["su PIN", "el número PIN de la tarjeta"],
        "fr": ["votre code PIN", "le code confidentiel de la carte"],
        "de": ["Ihre PIN", "die Geheimzahl Ihrer Karte"],
        "pt": ["o seu PIN", "a senha do cartão"],
    },
    "REQUEST_PASSWORD": {
        "en": ["your online banking password", "the password for your account", "your passcode"],
        "es": ["su contraseña", "la contraseña de la banca en línea"],
        "fr": ["votre mot de passe", "le mot de passe de votre espace client"],
        "de": ["Ihr Passwort", "Ihr Kennwort für das Online-Banking"],
        "pt": ["a sua senha de acesso", "a senha do aplicativo"],
    },
}

# Ways of asking (questions and imperatives), per language. {x} is the object.
ASKS = {
    "en": ["Could you please read me {x}?", "Can I get {x}, please?", "What is {x}?", "I'll need {x} to continue.",
           "Go ahead and give me {x}.", "May I take {x}?", "Please confirm {x}.", "And {x}?",
           "Would you mind telling me {x}?", "Just read out {x} when you're ready.", "Let me grab {x}."],
    "es": ["¿Me puede dar {x}?", "¿Cuál es {x}?", "Necesito {x}, por favor.", "Dígame {x}, por favor.",
           "¿Podría indicarme {x}?", "Por favor, confírmeme {x}."],
    "fr": ["Pouvez-vous me donner {x} ?", "Quel est {x} ?", "J'ai besoin de {x}, s'il vous plaît.",
           "Merci de me communiquer {x}.", "Pourriez-vous me lire {x} ?", "Veuillez m'indiquer {x}."],
    "de": ["Können Sie mir {x} nennen?", "Wie lautet {x}?", "Ich brauche bitte {x}.", "Nennen Sie mir bitte {x}.",
           "Könnten Sie mir {x} durchgeben?", "Bitte bestätigen Sie {x}."],
    "pt": ["Pode me passar {x}?", "Qual é {x}?", "Preciso de {x}, por favor.", "Por favor, me informe {x}.",
           "Poderia confirmar {x}?", "Me diga {x}, por favor."],
}

# Mentions that ask for nothing, per language. {x} is an object (its kind is NOT asked).
MENTIONS = {
    "en": ["We will never ask you for {x} over the phone.", "Please don't share {x} with anyone.",
           "Thanks, I have {x} on file already.", "For your security, never give out {x}.",
           "I can see {x} was updated last week.", "You don't need {x} for this request.",
           "Your statement shows {x} as masked."],
    "es": ["Nunca le pediremos {x} por teléfono.", "No comparta {x} con nadie.", "Ya tengo {x} registrado, gracias."],
    "fr": ["Nous ne vous demanderons jamais {x}.", "Ne communiquez jamais {x} à personne.", "J'ai déjà {x} dans le dossier, merci."],
    "de": ["Wir fragen Sie niemals nach {x}.", "Geben Sie {x} niemals weiter.", "Ich habe {x} bereits im System, danke."],
    "pt": ["Nunca vamos pedir {x} por telefone.", "Não compartilhe {x} com ninguém.", "Já tenho {x} no cadastro, obrigado."],
}

# Agent utterances that ask for something else or nothing at all.
OTHER = {
    "en": ["How can I help you today?", "Is there anything else I can do for you?", "Could you spell your last name for me?",
           "What's the best email to send the receipt to?", "Thanks for holding, I'm back.", "Which address should we ship to?",
           "Let me check that for you.", "Can you confirm the order number?", "What time works for a callback?",
           "Did you receive the new card in the mail?", "Would you like to pay with the same card as last time?"],
    "es": ["¿En qué puedo ayudarle?", "¿Algo más en lo que pueda ayudarle?", "Un momento, por favor.",
           "¿Cuál es el número de pedido?", "¿Recibió la tarjeta nueva?"],
    "fr": ["Comment puis-je vous aider ?", "Un instant s'il vous plaît.", "Quel est le numéro de commande ?",
           "Avez-vous reçu votre nouvelle carte ?"],
    "de": ["Wie kann ich Ihnen helfen?", "Einen Moment bitte.", "Wie lautet die Bestellnummer?",
           "Haben Sie die neue Karte schon erhalten?"],
    "pt": ["Como posso ajudar?", "Um momento, por favor.", "Qual é o número do pedido?", "Recebeu o cartão novo?"],
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1501)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    R.seed(args.seed)
    rows = []
    for kind, by_lang in OBJECTS.items():
        for lang, objects in by_lang.items():
            for x in objects:
                for ask in R.sample(ASKS[lang], min(4, len(ASKS[lang]))):
                    text = ask.format(x=x)
                    if R.random() < 0.3:
                        text = R.choice({"en": ["Okay. ", "Great, thank you. ", "Alright. "], "es": ["Perfecto. ", "Muy bien. "],
                                         "fr": ["Très bien. ", "Parfait. "], "de": ["Gut. ", "Danke. "],
                                         "pt": ["Perfeito. ", "Certo. "]}[lang]) + text
                    rows.append({"text": text, "lang": lang, "kinds": [kind]})
                for mention in R.sample(MENTIONS[lang], min(2, len(MENTIONS[lang]))):
                    rows.append({"text": mention.format(x=x), "lang": lang, "kinds": []})
    for lang, lines in OTHER.items():
        for t in lines:
            rows.append({"text": t, "lang": lang, "kinds": []})
    # Two requests in one turn.
    for _ in range(30):
        lang = R.choice(["en", "es", "fr", "de", "pt"])
        kinds = R.sample([k for k in OBJECTS if lang in OBJECTS[k]], 2)
        parts = [R.choice(ASKS[lang]).format(x=R.choice(OBJECTS[k][lang])) for k in kinds]
        rows.append({"text": " ".join(parts), "lang": lang, "kinds": sorted(kinds)})
    R.shuffle(rows)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
