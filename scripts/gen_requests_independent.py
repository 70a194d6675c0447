#!/usr/bin/env python3
"""Generate a HELD-OUT labelled set of agent utterances for request detection (pre-emptive pause).

Writes JSON Lines (default: tests/data/requests-independent.jsonl next to this script's repo), one
agent utterance per line:

    {"id": "rq-0001", "lang": "en|es|fr|de|pt", "speaker": "agent", "text": "...",
     "expected": ["REQUEST_CREDIT_CARD"], "note": "..."}

`expected` is the sorted list of REQUEST_* kinds the utterance asks for *right now* (the agent
asks the customer to say or key that data, whole or in part). It is [] for mentions that are not
a request: warnings ("we will never ask for your PIN"), instructions not to say it, past/report
("the card number you read out didn't go through"), confirmations after the fact, process
statements, unrelated questions sharing words, yes/no questions on a masked value the agent
already has, preambles ("do you have your card handy?"), hand-offs to an automated line, and the
agent's own credentials. `note` names the trap (negatives) or the borderline (some positives).

This set is written independently of the detection rules: it must not be tuned against them.
Languages: en, es (incl. US Spanish), fr, de, pt (pt-BR mostly, some pt-PT). REQUEST_US_SSN is only
generated for en and es; a French/German/Portuguese national ID is not a US SSN, so those languages
have no SSN lines at all (neither positive nor negative).

Stdlib only, fixed seed: same Python -> same bytes.
"""
import argparse
import json
import os
import random
import re
import sys
import unicodedata

SEED = 20251107
R = random.Random(SEED)

CC, CVV, EXP, SSN, DOB, BANK, PP, PIN, PW = (
    "REQUEST_CREDIT_CARD", "REQUEST_CVV", "REQUEST_CARD_EXPIRY", "REQUEST_US_SSN",
    "REQUEST_DATE_OF_BIRTH", "REQUEST_BANK_ACCOUNT", "REQUEST_PASSPORT", "REQUEST_PIN",
    "REQUEST_PASSWORD")
KINDS = [CC, CVV, EXP, SSN, DOB, BANK, PP, PIN, PW]
SHORT = {CC: "CARD", CVV: "CVV", EXP: "EXPIRY", SSN: "SSN", DOB: "DOB", BANK: "BANK",
         PP: "PASSPT", PIN: "PIN", PW: "PASSWD"}
LANGS = ["en", "es", "fr", "de", "pt"]
KEYPAD_KINDS = {CC, CVV, EXP, PIN, DOB, SSN}

# Negative trap categories (the `note` of a negative line).
N_NEVER = "never-ask warning, not a request"
N_DONT = "instruction not to say it"
N_PAST = "past/report of data already given, no new request"
N_CONF = "confirmation after the fact"
N_PROC = "process statement"
N_UNREL = "unrelated question sharing words"
N_MASK = "borderline: yes/no on a masked value the agent already has"
N_PRE = "borderline: preamble, asks whether they have it, not for the value"
N_HAND = "borderline: hand-off to automated/secure line, agent is not asking now"
N_OWN = "agent's own credential"
N_EDU = "fraud education / hypothetical"
N_FUT = "future/other channel, not asked now"
N_NONEED = "says the data is not needed"
N_OTHER = "different attribute of a document/card, not one of the kinds"
N_YESNO = "borderline: yes/no on whether a value on file is still right"


# =============================================================== English

def en_np(o):
    return {"o": o}


EN = {
    "np": {
        CC: ["the card number", "your card number", "the long number on the front of the card",
             "the long number on your card", "the sixteen digit number on the front",
             "the full card number", "the long card number", "your debit card number",
             "the credit card number", "the number across the front of the card",
             "the sixteen digits on your card"],
        CVV: ["the security code", "the three digit security code", "the cvv", "the cvv number",
              "the cvc", "the three digits on the back", "the last three digits on the back of the card",
              "the security code on the back of the card", "the three digit code by the signature strip",
              "the card security code"],
        EXP: ["the expiry date", "the expiration date", "the expiry", "the expiry date on the card",
              "the valid thru date", "the date the card expires", "the expiration month and year",
              "the end date on the card", "the expiry month and year"],
        SSN: ["your social security number", "your social", "your ssn", "the last four of your social",
              "the last four digits of your social security number", "your social security",
              "your full social security number", "the last four of your ssn"],
        DOB: ["your date of birth", "your birth date", "your dob", "your birthday",
              "your full date of birth", "the date of birth on the account",
              "your date of birth including the year"],
        BANK: ["your bank account number", "the account number and sort code", "your sort code",
               "the sort code and account number", "your routing number", "the routing and account number",
               "your iban", "the iban for the account", "your checking account number",
               "the account number for the direct debit", "the bank account you want the refund paid into"],
        PP: ["your passport number", "the passport number", "the number on your passport",
             "the document number from your passport", "the nine digit passport number",
             "your passport number as it appears on the photo page"],
        PIN: ["your pin", "your pin number", "the four digit pin", "the pin on your card",
              "your card pin", "your pin code", "your telephone banking pin"],
        PW: ["your password", "your passcode", "your telephone banking password", "the password on the account",
             "your online banking password", "your security password", "the passcode on the account",
             "your account password", "your verbal password"],
    },
    "families": {
        "q": ["can I take {o}?", "could I get {o}?", "can you give me {o}?", "could you read me {o}?",
              "what's {o}?", "what is {o}?", "would you mind reading out {o}?", "can I have {o} please?",
              "are you able to give me {o}?", "could you tell me {o}?", "can you read out {o} for me?",
              "do you want to give me {o}?", "can you just confirm {o} for me?", "could you please provide {o}?",
              "may I have {o}?", "would you be able to read me {o}?", "can you go ahead and give me {o}?"],
        "imp": ["go ahead with {o}.", "read me {o} please.", "please give me {o}.", "just read out {o} for me.",
                "give me {o} when you're ready.", "read out {o} slowly for me.", "tell me {o} please.",
                "let's have {o}.", "go ahead and read {o} to me.", "please confirm {o}."],
        "ind": ["I'll just need {o}.", "I'm going to need {o}.", "I just need {o} to continue.",
                "all I need now is {o}.", "next I need {o}.", "so to verify you I'll need {o}.",
                "if you could read me {o}.", "if you can just give me {o}.", "what I'll need from you is {o}.",
                "I'll need you to read me {o}.", "I need to take {o}.", "I'd like to take {o} now.",
                "now I'm just going to take {o}.", "the next thing I need is {o}.",
                "it'd be great if you could give me {o}.", "I'm just going to need {o} from you."],
        "terse": ["{o} please.", "and {o}?", "and {o} please.", "okay {o}.", "{o} when you're ready.",
                  "and then {o}."],
        "key": ["key in {o} on your keypad now.", "please enter {o} using your phone keypad.",
                "can you type {o} into the keypad?"],
    },
    "suffix": ["", "", "", " please", " for me", " when you're ready", " for me please", " when you've got it",
               " just to verify", " thanks"],
    "please": ["please"],
    "hand": {
        CC: ["and the card number is", "what are the first six digits of the card?",
             "can you read me the last four digits on the card?", "sixteen digits on the front whenever you're ready.",
             "okay let's start with the long number across the front.",
             "read me the numbers on the front of the card in groups of four.",
             "can I take the card details starting with the long number?",
             "what's the number on the card you'd like to use?",
             ("can you confirm the last four digits of the card for me?",
              "borderline: customer is asked to speak the digits"),
             "okay and the card number you want to pay with?",
             ("the card number you gave me didn't go through could you read it again?",
              "re-request after a failure")],
        CVV: ["and the three digits on the back?", "what's the security code?",
              "last three digits on the back of the card please.", "flip the card over and read me the three digit code.",
              "turn the card over for me there's a three digit number by the signature can you read that out?",
              "it's an amex so I'll need the four digit code on the front.", "cvv please."],
        EXP: ["and when does the card expire?", "what's the expiry on that card?",
              "and the expiry date month and year.", "what's the valid thru date on the front?",
              "what month and year does the card expire?", "and the expiry date is"],
        SSN: ["can you verify the last four of your social?", "I'll need your social to pull up the file.",
              "last four of the social please.", "read me your ssn please starting with the first three digits.",
              "and your social is", "what are the last four digits of your social security?"],
        DOB: ["and your date of birth is", "can you confirm your date of birth?", "what's your birthday?",
              ("what year were you born?", "partial date of birth (year) counts"),
              "can you give me your day and month of birth?", "when were you born?", "date of birth please.",
              ("that date of birth doesn't match can you give it to me again?", "re-request after a mismatch")],
        BANK: ["what's the sort code?", "can I take the six digit sort code and then the eight digit account number?",
               "read me the routing number it's the nine digits at the bottom left of your check.",
               "which account number would you like the refund to go to?",
               "can you read me your iban starting with the country code?",
               "what's the account number you want the direct debit to come from?", "and the account number is"],
        PP: ["can you read me the number at the top right of your passport photo page?",
             "and the passport number is", "I need the passport number of each passenger.",
             "could you read me the passport number for the second traveller?"],
        PIN: ["can you key in your pin now?", "what's your four digit pin?",
              "please enter your pin followed by the hash key.", "can you give me your phone banking pin?",
              "and your pin is"],
        PW: ["can I take the first and third letters of your password?", "what's your passcode?",
             "can you give me the second and fifth characters of your password?",
             "spell out your password for me.", "and your verbal password please.",
             ("can you tell me your memorable word?", "borderline: memorable word is a password-like credential")],
    },
    "combo": [
        ("can I take the card number and the expiry date?", [CC, EXP], None),
        ("the long number on the front and then the expiry please.", [CC, EXP], None),
        ("okay the expiry date and the three digits on the back.", [CVV, EXP], None),
        ("what's the expiry and the security code?", [CVV, EXP], None),
        ("can you give me your date of birth and the last four of your social?", [DOB, SSN], None),
        ("I'll need your passport number and date of birth as they appear on the passport.", [DOB, PP], None),
        ("read me the sort code and account number and then your date of birth.", [BANK, DOB], None),
        ("so the card number and the cvv please.", [CC, CVV], None),
        ("first your social then your date of birth.", [DOB, SSN], None),
        ("I'll need the card number the expiry and the security code.", [CC, CVV, EXP], "three kinds at once"),
        ("your pin or your password whichever you set up.", [PIN, PW], None),
        ("thanks I've got your date of birth now can I take the card number?", [CC],
         "confirms one kind (not requested) then requests another"),
        ("great that's the card number noted and the expiry date?", [EXP],
         "card noted (not requested), expiry requested"),
        ("perfect the expiry went through now the three digits on the back.", [CVV],
         "expiry confirmed (not requested), cvv requested"),
        ("you gave me your social earlier so now I just need your date of birth.", [DOB],
         "ssn is past/report, dob requested"),
    ],
    "negnp": {
        CC: [{"y": "your card number", "t": "the card number"},
             {"y": "your long card number", "t": "the long number on the card"}],
        CVV: [{"y": "your security code", "t": "the security code"},
              {"y": "the three digits on the back", "t": "the three digits on the back"}],
        EXP: [{"y": "your expiry date", "t": "the expiry date"}],
        SSN: [{"y": "your social security number", "t": "the social security number"},
              {"y": "your social", "t": "the last four of your social"}],
        DOB: [{"y": "your date of birth", "t": "the date of birth"}],
        BANK: [{"y": "your bank account number", "t": "the account number"},
               {"y": "your sort code", "t": "the sort code"}],
        PP: [{"y": "your passport number", "t": "the passport number"}],
        PIN: [{"y": "your pin", "t": "the pin"}],
        PW: [{"y": "your password", "t": "the password"}, {"y": "your passcode", "t": "the passcode"}],
    },
    "negtpl": {
        N_NEVER: ["we will never ask for {y}.", "we'll never ask you for {y} over the phone.",
                  "nobody from the bank will ever ask you for {y}.", "just so you know I'll never ask you for {y}.",
                  "remember we never ask for {y} by text or email."],
        N_DONT: ["please don't tell me {y}.", "please don't read out {y}.", "you don't need to give me {y}.",
                 "there's no need to give me {y} today.", "don't say {y} out loud please.",
                 "for security never share {y} with anyone.", "I don't need {y} for this.",
                 "no no don't give me {y}.", "you won't need {y} for this call."],
        N_PAST: ["you gave me {y} earlier.", "you already gave me {y} at the start of the call.",
                 "{t} you read out didn't go through.", "{t} you gave me doesn't match what we have on file.",
                 "I've already got {y} from earlier."],
        N_CONF: ["thank you that's {t} noted.", "perfect I've got {t}.", "great {t} is confirmed.",
                 "lovely {t} matches.", "thanks {t} has been verified.", "okay {t} went through fine."],
    },
    "neg": {
        N_PROC: ["the payment will come off your card in three to five days.",
                 "your passport application is being processed.", "I've updated your account.",
                 "your new pin will arrive separately in the post.",
                 "you can reset your password online in a couple of minutes.",
                 "your new card should arrive within five working days.",
                 "the refund will go back to the card you paid with.",
                 "I've sent a password reset link to your email.",
                 "the direct debit will come out of your account on the first of the month.",
                 "your card expires next month so a replacement is already on its way.",
                 "your social security benefits are paid on the third of the month.",
                 "the account has been verified you're all set.",
                 "your card has been cancelled and a new one ordered.",
                 "it can take up to ten days for the money to show in your bank account.",
                 "your date of birth is only used to verify who you are."],
        N_UNREL: ["is your card still in your wallet?", "did you get a new card?", "which bank are you with?",
                  "what's the best number to call you back on?", "do you have your booking reference?",
                  "when's your birthday party?", "what's the name on the card?", "is it a visa or a mastercard?",
                  "is it a debit or a credit card?", "what's your postcode?", "what's your email address?",
                  "can I take a contact number for you?", "what's your order number?",
                  "what's the reference number on the letter?", "did you receive the pin reminder we sent?",
                  "have you tried resetting your password?", "have you changed your password recently?",
                  "what's your policy number?", "what date did you make the payment?",
                  "what day would you like the payment to come out?", "can I take your full name please?",
                  "what's your mobile number?", "are you the main account holder?",
                  "would you like to pay by card or bank transfer?", "was the card lost or stolen?",
                  "what's the amount on the transaction?", "happy birthday by the way.",
                  "how many digits is the account number on your statement?"],
        N_OTHER: ["when does your passport expire?", "which country issued your passport?",
                  "were you born in the uk?", "what's the name of your bank?",
                  ("what's your customer account number from the top of your bill?",
                   "borderline: utility customer reference, not a bank account")],
        N_MASK: ["is that the card ending in one two three four?",
                 "can you confirm the card number ends in four three two one?",
                 "is the account still the one ending in five six?"],
        N_YESNO: ["can you confirm the date of birth we have for you is correct?",
                  "is your date of birth still the same as on the account?"],
        N_PRE: ["do you have your card handy?", "have you got your passport with you?",
                "have you got your bank details to hand?"],
        N_OWN: ["sorry my system password has just expired bear with me.",
                "bear with me while I re-enter my password.", "let me just log back in with my pin."],
        N_EDU: ["if anyone calls asking for your pin just hang up.",
                "scammers often ask for your social security number so be careful.",
                "a genuine bank will never need your full password.", "never write your pin down on the card."],
        N_HAND: ["I'm transferring you to our secure payment line where you can key in the card details.",
                 "in a moment you'll hear an automated voice ask for your card number.",
                 "the automated system will ask for your date of birth after the tone."],
        N_FUT: ["next time you call you'll be asked for your passcode.",
                "when you collect it you'll need to show your passport."],
        N_NONEED: ["I won't need the security code for a refund.",
                   "we don't need the expiry date for this kind of payment."],
    },
    "fill": ["um", "uh", "okay so", "right", "alright so", "so", "okay", "perfect", "lovely", "great",
             "thank you", "yeah", "okay um", "right so"],
    "mid": ["um", "uh"],
    "pre": ["thanks for holding", "okay I've pulled up the account", "right that's the address updated",
            "thank you for confirming your name", "sorry about the wait", "okay that's all gone through on the booking"],
    "join": [" and now ", " so ", " and ", " okay "],
}


# =============================================================== Spanish

ES = {
    "np": {
        CC: ["el número de la tarjeta", "su número de tarjeta", "el número largo de la tarjeta",
             "los dieciséis dígitos de la tarjeta", "el número de su tarjeta de crédito",
             "el número completo de la tarjeta", "los números de enfrente de la tarjeta",
             "el número de su tarjeta de débito", "el número que aparece al frente de la tarjeta"],
        CVV: ["el código de seguridad", "los tres dígitos de atrás", "el CVV", "el código CVV",
              "los tres números del reverso de la tarjeta", "el código de tres dígitos que está atrás",
              "el código de verificación de la tarjeta", "el CVC"],
        EXP: ["la fecha de caducidad", "la fecha de vencimiento", "la fecha de vencimiento de la tarjeta",
              "la fecha de expiración", "el mes y año de vencimiento", "la fecha de caducidad de la tarjeta",
              "la fecha en que vence la tarjeta"],
        SSN: ["su número de seguro social", "los últimos cuatro dígitos de su seguro social", "su seguro social",
              "el número de seguro social", "los últimos cuatro números del seguro social", "su número de social"],
        DOB: ["su fecha de nacimiento", "la fecha de nacimiento", "su fecha de nacimiento completa",
              "el día, mes y año de nacimiento", "la fecha de nacimiento del titular"],
        BANK: ["su número de cuenta", "el número de cuenta bancaria", "el IBAN", "su IBAN",
               "la CLABE interbancaria", "el número de cuenta donde quiere la devolución",
               "el número de ruta y de cuenta", "los veinte dígitos de la cuenta"],
        PP: ["su número de pasaporte", "el número del pasaporte",
             "el número de pasaporte que aparece en la primera página", "el número de su pasaporte"],
        PIN: ["su PIN", "el PIN de la tarjeta", "el número PIN", "su código PIN", "el número secreto",
              "el PIN de cuatro dígitos"],
        PW: ["su contraseña", "la contraseña de la banca en línea", "su clave de acceso",
             "la clave de acceso", "su contraseña de la banca telefónica", "la contraseña de su cuenta"],
    },
    "families": {
        "q": ["¿me puede dar {o}?", "¿me podría decir {o}?", "¿me facilita {o}?", "¿me indica {o}?",
              "¿{cual} {o}?", "¿me lee {o}, por favor?", "¿podría leerme {o}?", "¿me dice {o}?",
              "¿me proporciona {o}?", "¿me confirma {o}?", "¿sería tan amable de darme {o}?"],
        "imp": ["dígame {o}, por favor.", "léame {o}.", "deme {o} cuando pueda.", "indíqueme {o}, por favor.",
                "vaya leyéndome {o}.", "adelante con {o}.", "por favor, confírmeme {o}."],
        "ind": ["necesito que me diga {o}.", "necesito {o}.", "voy a necesitar {o}.", "solo me falta {o}.",
                "ahora le voy a pedir {o}.", "para verificar su identidad necesito {o}.", "si me puede dar {o}.",
                "le pido {o}, por favor.", "me hace falta {o}.", "ahora necesitaría {o}.",
                "lo siguiente que necesito es {o}.", "si me hace el favor de leerme {o}."],
        "terse": ["{o}, por favor.", "y {o}.", "¿y {o}?", "{o} cuando guste.", "vale, {o}."],
        "key": ["marque {o} en el teclado de su teléfono.", "por favor, introduzca {o} con el teclado.",
                "teclee {o} ahora."],
    },
    "suffix": ["", "", "", ", por favor", " cuando pueda", " para verificar", ", si es tan amable"],
    "please": ["por favor"],
    "hand": {
        CC: ["¿y el número de la tarjeta es...?", "¿me da los primeros seis dígitos de la tarjeta?",
             "léame los cuatro últimos dígitos de la tarjeta.", "dígame el número de la tarjeta de cuatro en cuatro.",
             "¿con qué tarjeta va a pagar? dígame el número completo.",
             "¿me dicta los números que vienen al frente de la tarjeta?",
             ("el número de tarjeta que me dio no pasó, ¿me lo puede repetir?", "re-request after a failure")],
        CVV: ["¿y los tres números de atrás?", "dele la vuelta a la tarjeta y dígame los tres dígitos.",
              "¿me da el código de seguridad de la parte de atrás?", "el cvv, por favor."],
        EXP: ["¿y cuándo vence la tarjeta?", "¿hasta cuándo es válida la tarjeta? mes y año.",
              "¿me dice el mes y el año de caducidad?", "¿y la fecha de vencimiento es...?"],
        SSN: ["¿me confirma los últimos cuatro de su seguro social?",
              "necesito su número de seguro social para buscar el expediente.",
              "¿cuál es su número de seguro social?", "dígame los cuatro últimos del social."],
        DOB: [("¿en qué año nació?", "partial date of birth (year) counts"), "¿me confirma su fecha de nacimiento?",
              "¿cuándo nació usted?", "¿me dice día, mes y año de nacimiento?"],
        BANK: ["¿me dicta el IBAN empezando por ES?", "¿a qué número de cuenta quiere que le hagamos la devolución?",
               "léame los veinte dígitos de la cuenta.", "¿me da la CLABE de dieciocho dígitos?",
               "¿cuál es el número de ruta del banco?"],
        PP: ["¿me lee el número de pasaporte que está arriba a la derecha?",
             "necesito el número de pasaporte de cada pasajero.", "¿y el número de pasaporte es...?"],
        PIN: ["marque su PIN seguido de la tecla almohadilla.", "¿me dice su número secreto?",
              "introduzca ahora su PIN de cuatro dígitos."],
        PW: ["¿me puede dar la primera y la tercera letra de su contraseña?", "¿me deletrea la contraseña?",
             "¿cuál es su clave de acceso a la banca en línea?", "dígame los caracteres dos y cinco de su contraseña."],
    },
    "combo": [
        ("¿me da el número de la tarjeta y la fecha de caducidad?", [CC, EXP], None),
        ("la fecha de vencimiento y los tres dígitos de atrás, por favor.", [CVV, EXP], None),
        ("necesito su fecha de nacimiento y los últimos cuatro del seguro social.", [DOB, SSN], None),
        ("¿me dice el número de pasaporte y su fecha de nacimiento?", [DOB, PP], None),
        ("dígame el número largo de la tarjeta y luego el código de seguridad.", [CC, CVV], None),
        ("el número de tarjeta, la fecha de caducidad y el CVV, por favor.", [CC, CVV, EXP], "three kinds at once"),
        ("gracias, ya tengo su fecha de nacimiento; ahora ¿me da el número de la tarjeta?", [CC],
         "confirms one kind (not requested) then requests another"),
        ("perfecto, la tarjeta está anotada, ¿y la fecha de vencimiento?", [EXP],
         "card noted (not requested), expiry requested"),
    ],
    "negnp": {
        CC: [{"y": "su número de tarjeta", "t": "el número de tarjeta", "a": "o"}],
        CVV: [{"y": "su código de seguridad", "t": "el código de seguridad", "a": "o"},
              {"y": "el CVV", "t": "el CVV", "a": "o"}],
        EXP: [{"y": "la fecha de caducidad", "t": "la fecha de caducidad", "a": "a"},
              {"y": "la fecha de vencimiento", "t": "la fecha de vencimiento", "a": "a"}],
        SSN: [{"y": "su número de seguro social", "t": "el número de seguro social", "a": "o"}],
        DOB: [{"y": "su fecha de nacimiento", "t": "la fecha de nacimiento", "a": "a"}],
        BANK: [{"y": "su número de cuenta", "t": "el número de cuenta", "a": "o"},
               {"y": "su IBAN", "t": "el IBAN", "a": "o"}],
        PP: [{"y": "su número de pasaporte", "t": "el número de pasaporte", "a": "o"}],
        PIN: [{"y": "su PIN", "t": "el PIN", "a": "o"}, {"y": "su número secreto", "t": "el número secreto", "a": "o"}],
        PW: [{"y": "su contraseña", "t": "la contraseña", "a": "a"}, {"y": "su clave", "t": "la clave", "a": "a"}],
    },
    "negtpl": {
        N_NEVER: ["nunca le vamos a pedir {y}.", "el banco nunca le pedirá {y} por teléfono.",
                  "recuerde que nunca le pediremos {y}.", "nadie del banco le va a pedir {y}."],
        N_DONT: ["por favor, no me diga {y}.", "no hace falta que me dé {y}.", "no necesito {y} para esto.",
                 "nunca comparta {y} con nadie.", "no me lea {y}, por favor.", "no diga {y} en voz alta."],
        N_PAST: ["ya me dio {y} antes.", "usted ya me dio {y} al principio de la llamada.",
                 "{t} que me dio no coincide con lo que tenemos.", "{t} que me leyó no pasó."],
        N_CONF: ["gracias, {t} queda anotad{a}.", "perfecto, ya tengo {t}.", "muy bien, {t} es correct{a}.",
                 "{t} está verificad{a}, gracias."],
    },
    "neg": {
        N_PROC: ["el cobro se hará a su tarjeta en unos días.", "su solicitud de pasaporte está en trámite.",
                 "ya actualicé su cuenta.", "su nuevo PIN le llegará por correo.",
                 "puede cambiar su contraseña desde la página web.",
                 "la nueva tarjeta le llegará en cinco días hábiles.", "el reembolso se hará a la misma tarjeta.",
                 "le envié a su correo un enlace para restablecer la contraseña.",
                 "el cargo se domiciliará en su cuenta el día uno.",
                 "su tarjeta vence el mes que viene, así que ya le enviamos una nueva.",
                 "su tarjeta quedó bloqueada y pedimos una nueva.",
                 "la transferencia puede tardar hasta tres días en llegar a su cuenta.",
                 "sus beneficios del seguro social se depositan el día tres."],
        N_UNREL: ["¿todavía tiene la tarjeta en la cartera?", "¿le llegó la tarjeta nueva?", "¿con qué banco trabaja?",
                  "¿cuál es el mejor número para devolverle la llamada?", "¿tiene a mano el localizador de la reserva?",
                  "¿cuándo es la fiesta de cumpleaños?", "¿a nombre de quién está la tarjeta?", "¿es visa o mastercard?",
                  "¿es tarjeta de débito o de crédito?", "¿cuál es su código postal?",
                  "¿me da un número de teléfono de contacto?", "¿cuál es su número de pedido?",
                  "¿ha intentado restablecer la contraseña?", "¿cuál es su correo electrónico?",
                  "¿en qué fecha hizo el pago?", "¿qué día quiere que se le cobre?", "¿me da su nombre completo?",
                  "¿es usted el titular de la cuenta?", "¿cómo prefiere pagar hoy?",
                  "¿quiere usar la misma tarjeta de la última vez?", "¿le robaron la tarjeta o la perdió?",
                  "¿cuál es el número de su póliza?", "¿me da el número de referencia de la carta?",
                  "¿cuántos dígitos tiene el número de cuenta?", "¡feliz cumpleaños, por cierto!"],
        N_OTHER: ["¿cuándo caduca su pasaporte?", "¿qué país expidió su pasaporte?", "¿dónde nació usted?",
                  "¿cómo se llama su banco?"],
        N_MASK: ["¿es la tarjeta que termina en uno dos tres cuatro?",
                 "¿me confirma que el número de la tarjeta termina en cuatro tres dos uno?",
                 "¿la cuenta sigue siendo la que termina en cinco seis?"],
        N_YESNO: ["¿la fecha de nacimiento que tenemos registrada es correcta?"],
        N_PRE: ["¿tiene la tarjeta a mano?", "¿tiene el pasaporte a mano?"],
        N_OWN: ["perdone, se me caducó la contraseña del sistema, un momento.",
                "déjeme entrar otra vez con mi clave."],
        N_EDU: ["si alguien le llama pidiéndole el PIN, cuelgue.",
                "los estafadores suelen pedir el número de seguro social, tenga cuidado.",
                "nunca apunte el PIN en la tarjeta."],
        N_HAND: ["le paso a la línea segura de pagos donde podrá marcar los datos de la tarjeta.",
                 "ahora una grabación le pedirá el número de la tarjeta."],
        N_FUT: ["la próxima vez que llame le pedirán su clave.",
                "cuando lo recoja tendrá que mostrar el pasaporte."],
        N_NONEED: ["para un reembolso no necesito el código de seguridad.",
                   "para este tipo de pago no hace falta la fecha de caducidad."],
    },
    "fill": ["eh", "este", "bueno", "vale", "muy bien", "perfecto", "o sea", "entonces", "ok", "pues", "a ver"],
    "mid": ["eh", "este"],
    "pre": ["gracias por esperar", "vale ya tengo abierta su ficha", "perfecto ya está cambiada la dirección",
            "gracias por confirmar su nombre", "disculpe la espera"],
    "join": [" y ahora ", " entonces ", " y ", " vale "],
}


# =============================================================== French (gender codes: m f mp fp)

FR = {
    "np": {
        CC: [("votre numéro de carte", "m"), ("le numéro de votre carte bancaire", "m"),
             ("le numéro à seize chiffres de la carte", "m"), ("le numéro complet de la carte", "m"),
             ("les seize chiffres de votre carte", "mp"), ("le long numéro sur le devant de la carte", "m"),
             ("le numéro de votre carte bleue", "m"), ("les chiffres inscrits sur le recto de la carte", "mp"),
             ("le numéro de la carte", "m")],
        CVV: [("le cryptogramme", "m"), ("le code de sécurité", "m"), ("les trois chiffres au dos de la carte", "mp"),
              ("le cryptogramme visuel", "m"), ("le CVV", "m"), ("le code à trois chiffres au dos", "m"),
              ("les trois derniers chiffres au verso", "mp")],
        EXP: [("la date d'expiration", "f"), ("la date d'expiration de la carte", "f"),
              ("la date de validité de la carte", "f"), ("la date de fin de validité", "f"),
              ("le mois et l'année d'expiration", "mp"), ("la date d'échéance de la carte", "f")],
        DOB: [("votre date de naissance", "f"), ("la date de naissance du titulaire", "f"),
              ("votre date de naissance complète", "f"), ("le jour, le mois et l'année de naissance", "mp")],
        BANK: [("votre RIB", "m"), ("votre IBAN", "m"), ("votre numéro de compte", "m"),
               ("le numéro de compte bancaire", "m"), ("vos coordonnées bancaires", "fp"),
               ("le numéro IBAN de votre compte", "m"), ("le code banque et le code guichet", "mp")],
        PP: [("votre numéro de passeport", "m"), ("le numéro de votre passeport", "m"),
             ("le numéro de passeport inscrit en haut de la page", "m")],
        PIN: [("votre code confidentiel", "m"), ("votre code PIN", "m"), ("le code secret de la carte", "m"),
              ("votre code à quatre chiffres", "m"), ("votre PIN", "m")],
        PW: [("votre mot de passe", "m"), ("le mot de passe de votre espace client", "m"),
             ("votre code d'accès", "m"), ("le mot de passe de votre compte", "m")],
    },
    "families": {
        "q": ["pouvez-vous me donner {o} ?", "pourriez-vous me donner {o} ?", "vous pouvez me donner {o} ?",
              "pourriez-vous me lire {o} ?", "{quel} {o} ?", "est-ce que vous pouvez m'indiquer {o} ?",
              "vous pouvez me communiquer {o} ?", "pourriez-vous me communiquer {o}, s'il vous plaît ?",
              "vous me donnez {o} ?", "est-ce que je peux avoir {o} ?", "je peux avoir {o} ?",
              "auriez-vous l'amabilité de me lire {o} ?"],
        "imp": ["donnez-moi {o}, s'il vous plaît.", "lisez-moi {o}.", "indiquez-moi {o}.", "dictez-moi {o}.",
                "allez-y avec {o}.", "merci de me donner {o}.", "communiquez-moi {o}, s'il vous plaît.",
                "confirmez-moi {o}."],
        "ind": ["j'aurais besoin {de}.", "il me faudrait {o}.", "je vais avoir besoin {de}.", "il me manque juste {o}.",
                "maintenant je vais vous demander {o}.", "pour vérifier votre identité j'ai besoin {de}.",
                "si vous pouvez me donner {o}.", "je vais juste prendre {o}.", "il me faut {o}.",
                "la prochaine chose dont j'ai besoin, c'est {o}."],
        "terse": ["{o}, s'il vous plaît.", "et {o} ?", "et {o}.", "{o} quand vous voulez.", "ensuite {o}."],
        "key": ["tapez {o} sur le clavier de votre téléphone.", "veuillez saisir {o} sur votre clavier.",
                "composez {o} maintenant."],
    },
    "suffix": ["", "", "", ", s'il vous plaît", " quand vous voulez", " pour la vérification", ", merci"],
    "please": ["s'il vous plaît", "merci de"],
    "hand": {
        CC: ["et le numéro de carte, c'est ?", "pouvez-vous me lire les six premiers chiffres de la carte ?",
             "donnez-moi les quatre derniers chiffres de la carte.", "lisez-moi le numéro par groupes de quatre.",
             "quel est le numéro de la carte avec laquelle vous souhaitez payer ?",
             ("le numéro de carte ne passe pas, vous pouvez me le relire ?", "re-request after a failure")],
        CVV: ["et les trois chiffres au dos ?", "retournez la carte et lisez-moi les trois chiffres à côté de la signature.",
              "il me faut le cryptogramme au dos de la carte.", "et le cryptogramme ?"],
        EXP: ["et elle expire quand, la carte ?", "quelle est la date d'expiration, mois et année ?",
              "jusqu'à quand la carte est-elle valable ?", "et la date de fin de validité ?"],
        DOB: [("vous êtes né en quelle année ?", "partial date of birth (year) counts"),
              "pouvez-vous me confirmer votre date de naissance ?", "quelle est votre date de naissance, s'il vous plaît ?",
              "vous êtes née quand ?"],
        BANK: ["pouvez-vous me lire votre IBAN en commençant par FR ?",
               "sur quel compte voulez-vous le remboursement ? donnez-moi le RIB.",
               "il me faut le code banque, le code guichet et le numéro de compte.",
               "dictez-moi votre IBAN, s'il vous plaît."],
        PP: ["pouvez-vous me lire le numéro en haut à droite de votre passeport ?",
             "il me faut le numéro de passeport de chaque voyageur.", "et le numéro de passeport, c'est ?"],
        PIN: ["tapez votre code confidentiel suivi de dièse.", "quel est votre code à quatre chiffres ?",
              "pouvez-vous me donner le code PIN de la carte ?"],
        PW: ["pouvez-vous me donner la première et la troisième lettre de votre mot de passe ?",
             "épelez-moi votre mot de passe, s'il vous plaît.", "quel est le mot de passe de votre espace client ?",
             "donnez-moi le deuxième et le cinquième caractère de votre mot de passe."],
    },
    "combo": [
        ("pouvez-vous me donner le numéro de carte et la date d'expiration ?", [CC, EXP], None),
        ("la date d'expiration et le cryptogramme, s'il vous plaît.", [CVV, EXP], None),
        ("il me faut votre numéro de passeport et votre date de naissance.", [DOB, PP], None),
        ("lisez-moi les seize chiffres puis les trois chiffres au dos.", [CC, CVV], None),
        ("votre RIB et votre date de naissance, s'il vous plaît.", [BANK, DOB], None),
        ("merci, j'ai bien votre date de naissance ; maintenant le numéro de carte, s'il vous plaît.", [CC],
         "confirms one kind (not requested) then requests another"),
        ("parfait, la carte est notée, et la date d'expiration ?", [EXP],
         "card noted (not requested), expiry requested"),
    ],
    "negnp": {
        CC: [{"y": "votre numéro de carte", "t": "le numéro de carte", "e": ""}],
        CVV: [{"y": "votre cryptogramme", "t": "le cryptogramme", "e": ""},
              {"y": "votre code de sécurité", "t": "le code de sécurité", "e": ""}],
        EXP: [{"y": "la date d'expiration", "t": "la date d'expiration", "e": "e"}],
        DOB: [{"y": "votre date de naissance", "t": "la date de naissance", "e": "e"}],
        BANK: [{"y": "votre IBAN", "t": "l'IBAN", "e": ""}, {"y": "votre numéro de compte", "t": "le numéro de compte", "e": ""}],
        PP: [{"y": "votre numéro de passeport", "t": "le numéro de passeport", "e": ""}],
        PIN: [{"y": "votre code confidentiel", "t": "le code confidentiel", "e": ""},
              {"y": "votre code PIN", "t": "le code PIN", "e": ""}],
        PW: [{"y": "votre mot de passe", "t": "le mot de passe", "e": ""}],
    },
    "negtpl": {
        N_NEVER: ["nous ne vous demanderons jamais {y}.", "la banque ne vous demandera jamais {y} par téléphone.",
                  "je ne vous demanderai jamais {y}.", "personne de chez nous ne vous demandera {y}."],
        N_DONT: ["surtout, ne me donnez pas {y}.", "ne me dites pas {y}, s'il vous plaît.",
                 "vous n'avez pas besoin de me donner {y}.", "je n'ai pas besoin {de_y} pour ça.",
                 "ne communiquez jamais {y} à personne.", "inutile de me lire {y}."],
        N_PAST: ["vous m'avez déjà donné {y} tout à l'heure.", "{t} que vous m'avez donné{e} ne correspond pas.",
                 "{t} que vous m'avez lu{e} n'est pas passé{e}.", "j'ai déjà {y}, merci."],
        N_CONF: ["merci, {t} est noté{e}.", "parfait, j'ai bien {t}.", "très bien, {t} est validé{e}.",
                 "{t} correspond, merci."],
    },
    "neg": {
        N_PROC: ["le paiement sera débité de votre carte dans quelques jours.",
                 "votre demande de passeport est en cours de traitement.", "j'ai mis à jour votre compte.",
                 "votre nouveau code confidentiel vous sera envoyé par courrier.",
                 "vous pouvez réinitialiser votre mot de passe en ligne.",
                 "votre nouvelle carte arrivera sous cinq jours ouvrés.",
                 "le remboursement sera fait sur la carte utilisée pour l'achat.",
                 "je vous ai envoyé un lien pour changer votre mot de passe.",
                 "le prélèvement aura lieu sur votre compte le cinq du mois.",
                 "votre carte expire le mois prochain, une nouvelle carte est déjà en route.",
                 "le virement peut prendre trois jours pour arriver sur votre compte."],
        N_UNREL: ["vous avez toujours votre carte dans votre portefeuille ?", "vous avez reçu votre nouvelle carte ?",
                  "vous êtes dans quelle banque ?", "à quel numéro puis-je vous rappeler ?",
                  "vous avez votre référence de réservation ?", "c'est quand, la fête d'anniversaire ?",
                  "c'est une visa ou une mastercard ?", "quel est le nom sur la carte ?", "quel est votre code postal ?",
                  "quelle est votre adresse e-mail ?", "vous avez essayé de réinitialiser votre mot de passe ?",
                  "quel est votre numéro de commande ?", "vous souhaitez payer comment aujourd'hui ?",
                  "vous êtes le titulaire du compte ?", "la carte a été perdue ou volée ?",
                  "à quelle date avez-vous fait le paiement ?", "quel est votre numéro de dossier ?",
                  "pouvez-vous me donner votre nom complet ?", "bon anniversaire, au fait !"],
        N_OTHER: ["quand est-ce que votre passeport expire ?", "vous êtes né où ?",
                  ("quel est votre numéro client ?", "borderline: customer reference, not a bank account")],
        N_MASK: ["c'est bien la carte qui se termine par un deux trois quatre ?",
                 "pouvez-vous me confirmer que le numéro de carte se termine par quatre trois deux un ?"],
        N_YESNO: ["la date de naissance que nous avons est-elle toujours correcte ?"],
        N_PRE: ["vous avez votre carte sous la main ?", "vous avez votre passeport sous la main ?"],
        N_OWN: ["pardon, mon mot de passe a expiré, un instant.", "je me reconnecte avec mon code, un instant."],
        N_EDU: ["si quelqu'un vous appelle pour vous demander votre code confidentiel, raccrochez.",
                "n'écrivez jamais votre code sur la carte.", "méfiez-vous des e-mails qui demandent votre mot de passe."],
        N_HAND: ["je vous transfère vers le serveur vocal sécurisé pour saisir votre numéro de carte.",
                 "un message automatique va vous demander les coordonnées de votre carte."],
        N_FUT: ["la prochaine fois on vous demandera votre mot de passe.", "il faudra présenter votre passeport au guichet."],
        N_NONEED: ["pour un remboursement je n'ai pas besoin du cryptogramme.",
                   "pas besoin de la date d'expiration pour ce type de paiement."],
    },
    "fill": ["euh", "alors", "bon", "d'accord", "très bien", "parfait", "donc", "ben", "voilà", "alors euh", "ok"],
    "mid": ["euh"],
    "pre": ["merci de votre patience", "alors j'ai bien votre dossier", "c'est bon l'adresse est modifiée",
            "merci d'avoir confirmé votre nom", "désolé pour l'attente"],
    "join": [" et maintenant ", " alors ", " et ", " donc "],
}


# =============================================================== German (nom, acc, plural)

DE = {
    "np": {
        CC: [("Ihre Kartennummer", "Ihre Kartennummer", 0), ("die Kartennummer", "die Kartennummer", 0),
             ("die lange Nummer vorne auf der Karte", "die lange Nummer vorne auf der Karte", 0),
             ("die sechzehnstellige Nummer auf Ihrer Karte", "die sechzehnstellige Nummer auf Ihrer Karte", 0),
             ("die Nummer Ihrer Kreditkarte", "die Nummer Ihrer Kreditkarte", 0),
             ("die vollständige Kartennummer", "die vollständige Kartennummer", 0),
             ("die sechzehn Ziffern auf der Vorderseite", "die sechzehn Ziffern auf der Vorderseite", 1),
             ("die Nummer Ihrer EC-Karte", "die Nummer Ihrer EC-Karte", 0)],
        CVV: [("der Sicherheitscode", "den Sicherheitscode", 0), ("die Prüfnummer", "die Prüfnummer", 0),
              ("die drei Ziffern auf der Rückseite", "die drei Ziffern auf der Rückseite", 1),
              ("der CVV-Code", "den CVV-Code", 0), ("die Kartenprüfnummer", "die Kartenprüfnummer", 0),
              ("der dreistellige Code auf der Rückseite", "den dreistelligen Code auf der Rückseite", 0),
              ("die CVC", "die CVC", 0)],
        EXP: [("das Ablaufdatum", "das Ablaufdatum", 0), ("das Ablaufdatum der Karte", "das Ablaufdatum der Karte", 0),
              ("das Gültigkeitsdatum", "das Gültigkeitsdatum", 0),
              ("das Verfallsdatum der Karte", "das Verfallsdatum der Karte", 0),
              ("das Datum bei gültig bis", "das Datum bei gültig bis", 0)],
        DOB: [("Ihr Geburtsdatum", "Ihr Geburtsdatum", 0),
              ("das Geburtsdatum des Karteninhabers", "das Geburtsdatum des Karteninhabers", 0),
              ("Ihr vollständiges Geburtsdatum", "Ihr vollständiges Geburtsdatum", 0)],
        BANK: [("Ihre IBAN", "Ihre IBAN", 0), ("Ihre Kontonummer", "Ihre Kontonummer", 0),
               ("die Bankleitzahl", "die Bankleitzahl", 0), ("die IBAN Ihres Girokontos", "die IBAN Ihres Girokontos", 0),
               ("Kontonummer und Bankleitzahl", "Kontonummer und Bankleitzahl", 1),
               ("Ihre Bankverbindung", "Ihre Bankverbindung", 0),
               ("die Kontonummer für die Lastschrift", "die Kontonummer für die Lastschrift", 0)],
        PP: [("Ihre Reisepassnummer", "Ihre Reisepassnummer", 0), ("die Passnummer", "die Passnummer", 0),
             ("die Nummer Ihres Reisepasses", "die Nummer Ihres Reisepasses", 0),
             ("die Passnummer oben rechts", "die Passnummer oben rechts", 0)],
        PIN: [("Ihre PIN", "Ihre PIN", 0), ("die Geheimzahl", "die Geheimzahl", 0),
              ("Ihre Geheimzahl", "Ihre Geheimzahl", 0), ("der PIN-Code", "den PIN-Code", 0),
              ("die vierstellige PIN", "die vierstellige PIN", 0)],
        PW: [("Ihr Passwort", "Ihr Passwort", 0), ("Ihr Kennwort", "Ihr Kennwort", 0),
             ("das Passwort für das Onlinebanking", "das Passwort für das Onlinebanking", 0),
             ("Ihr Telefonbanking-Passwort", "Ihr Telefonbanking-Passwort", 0),
             ("das Kennwort Ihres Kundenkontos", "das Kennwort Ihres Kundenkontos", 0)],
    },
    "families": {
        "q": ["Können Sie mir bitte {acc} nennen?", "Könnten Sie mir {acc} sagen?", "Wie {lautet} {nom}?",
              "Können Sie mir {acc} durchgeben?", "Würden Sie mir bitte {acc} vorlesen?", "Darf ich {acc} aufnehmen?",
              "Dürfte ich {acc} haben?", "Haben Sie {acc} für mich?",
              "Würden Sie mir {acc} mitteilen?", "Verraten Sie mir bitte {acc}?"],
        "imp": ["Nennen Sie mir bitte {acc}.", "Lesen Sie mir bitte {acc} vor.", "Sagen Sie mir bitte {acc}.",
                "Geben Sie mir bitte {acc} durch.", "Dann bitte {acc}.", "Teilen Sie mir bitte {acc} mit."],
        "ind": ["Ich bräuchte dann noch {acc}.", "Ich benötige {acc}.", "Jetzt brauche ich nur noch {acc}.",
                "Zur Verifizierung brauche ich {acc}.", "Wenn Sie mir {acc} nennen könnten.",
                "Als Nächstes bräuchte ich {acc}.", "Ich müsste noch {acc} aufnehmen.",
                "Ich würde jetzt gern {acc} aufnehmen.", "Dafür brauche ich {acc} von Ihnen."],
        "terse": ["{acc} bitte.", "Und {nom}?", "Und dann {acc} bitte.", "{acc}, wenn Sie so weit sind."],
        "key": ["Bitte geben Sie {acc} jetzt über die Telefontastatur ein.",
                "Tippen Sie {acc} bitte auf der Tastatur ein."],
    },
    "suffix": ["", "", "", ", bitte", ", wenn Sie so weit sind", " zur Verifizierung"],
    "please": ["bitte"],
    "hand": {
        CC: ["Und die Kartennummer lautet?", "Können Sie mir die ersten sechs Ziffern der Karte nennen?",
             "Lesen Sie mir bitte die letzten vier Ziffern der Karte vor.",
             "Sagen Sie mir die Kartennummer bitte in Viererblöcken.",
             "Mit welcher Karte möchten Sie zahlen? Dann bitte die Nummer.",
             ("Die Kartennummer ging nicht durch, können Sie sie mir noch einmal vorlesen?", "re-request after a failure")],
        CVV: ["Und die drei Ziffern hinten auf der Karte?",
              "Drehen Sie die Karte bitte um und lesen Sie mir die dreistellige Prüfnummer vor.",
              "Ich brauche noch die Prüfziffern auf der Rückseite."],
        EXP: ["Und bis wann ist die Karte gültig?", "Wann läuft die Karte ab? Monat und Jahr bitte.",
              "Was steht bei gültig bis auf der Karte?", "Und das Ablaufdatum ist?"],
        DOB: [("In welchem Jahr sind Sie geboren?", "partial date of birth (year) counts"),
              "Können Sie mir Ihr Geburtsdatum bestätigen?", "Wann sind Sie geboren?",
              "Nennen Sie mir bitte Tag, Monat und Jahr Ihrer Geburt."],
        BANK: ["Können Sie mir Ihre IBAN vorlesen, beginnend mit DE?",
               "Auf welches Konto soll die Erstattung gehen? Bitte die IBAN.", "Ich bräuchte Kontonummer und BLZ.",
               "Wie lautet Ihre Bankverbindung?"],
        PP: ["Lesen Sie mir bitte die Nummer oben rechts im Reisepass vor.", "Ich brauche die Passnummer jedes Reisenden.",
             "Und die Passnummer lautet?"],
        PIN: ["Bitte geben Sie jetzt Ihre Geheimzahl ein, gefolgt von der Rautetaste.", "Wie lautet Ihre vierstellige PIN?",
              "Nennen Sie mir bitte die PIN für das Telefonbanking."],
        PW: ["Können Sie mir den ersten und dritten Buchstaben Ihres Passworts nennen?",
             "Buchstabieren Sie mir bitte Ihr Kennwort.", "Wie lautet das Passwort für Ihr Kundenkonto?",
             "Nennen Sie mir bitte die zweite und fünfte Stelle Ihres Passworts."],
    },
    "combo": [
        ("Können Sie mir die Kartennummer und das Ablaufdatum nennen?", [CC, EXP], None),
        ("Das Ablaufdatum und die Prüfnummer hinten bitte.", [CVV, EXP], None),
        ("Ich brauche Ihre Passnummer und Ihr Geburtsdatum.", [DOB, PP], None),
        ("Lesen Sie mir bitte die Kartennummer und dann die drei Ziffern auf der Rückseite vor.", [CC, CVV], None),
        ("Ihre IBAN und Ihr Geburtsdatum bitte.", [BANK, DOB], None),
        ("Danke, Ihr Geburtsdatum habe ich. Jetzt bitte noch die Kartennummer.", [CC],
         "confirms one kind (not requested) then requests another"),
        ("Gut, die Kartennummer ist notiert. Und das Ablaufdatum?", [EXP],
         "card noted (not requested), expiry requested"),
    ],
    "negnp": {
        CC: [{"y": "Ihre Kartennummer", "t": "die Kartennummer", "rel": "die"}],
        CVV: [{"y": "Ihre Prüfnummer", "t": "die Prüfnummer", "rel": "die"},
              {"y": "Ihren Sicherheitscode", "t": "der Sicherheitscode", "rel": "den"}],
        EXP: [{"y": "das Ablaufdatum", "t": "das Ablaufdatum", "rel": "das"}],
        DOB: [{"y": "Ihr Geburtsdatum", "t": "das Geburtsdatum", "rel": "das"}],
        BANK: [{"y": "Ihre IBAN", "t": "die IBAN", "rel": "die"}, {"y": "Ihre Kontonummer", "t": "die Kontonummer", "rel": "die"}],
        PP: [{"y": "Ihre Passnummer", "t": "die Passnummer", "rel": "die"}],
        PIN: [{"y": "Ihre PIN", "t": "die PIN", "rel": "die"}, {"y": "Ihre Geheimzahl", "t": "die Geheimzahl", "rel": "die"}],
        PW: [{"y": "Ihr Passwort", "t": "das Passwort", "rel": "das"}, {"y": "Ihr Kennwort", "t": "das Kennwort", "rel": "das"}],
    },
    "negtpl": {
        N_NEVER: ["Wir werden Sie niemals telefonisch um {y} bitten.", "Die Bank fragt niemals {y} am Telefon ab.",
                  "Niemand von uns wird Sie je um {y} bitten.", "Ich werde Sie nie um {y} bitten."],
        N_DONT: ["Bitte nennen Sie mir {y} nicht.", "Sie müssen mir {y} nicht sagen.", "Geben Sie {y} niemals weiter.",
                 "Lesen Sie {y} bitte nicht laut vor.", "Dafür brauche ich {y} nicht."],
        N_PAST: ["Sie haben mir {y} vorhin schon genannt.",
                 "{t}, {rel} Sie mir genannt haben, stimmt nicht mit unseren Daten überein.",
                 "{y} habe ich schon, danke.", "{t}, {rel} Sie mir vorgelesen haben, ging nicht durch."],
        N_CONF: ["Danke, {t} ist notiert.", "Prima, {t} ist bestätigt.", "Super, {t} passt.", "Alles klar, {t} habe ich."],
    },
    "neg": {
        N_PROC: ["Der Betrag wird in ein paar Tagen von Ihrer Karte abgebucht.", "Ihr Reisepassantrag wird gerade bearbeitet.",
                 "Ich habe Ihr Konto aktualisiert.", "Ihre neue PIN kommt separat per Post.",
                 "Sie können Ihr Passwort online zurücksetzen.", "Die neue Karte ist in fünf Werktagen bei Ihnen.",
                 "Die Erstattung geht auf die Karte, mit der Sie bezahlt haben.",
                 "Ich habe Ihnen einen Link zum Zurücksetzen des Passworts geschickt.",
                 "Die Lastschrift wird am Ersten von Ihrem Konto eingezogen.",
                 "Ihre Karte läuft nächsten Monat ab, die neue ist schon unterwegs.",
                 "Die Überweisung kann bis zu drei Tage dauern."],
        N_UNREL: ["Haben Sie die Karte noch in Ihrem Portemonnaie?", "Haben Sie die neue Karte schon bekommen?",
                  "Bei welcher Bank sind Sie?", "Unter welcher Nummer kann ich Sie zurückrufen?",
                  "Haben Sie Ihre Buchungsnummer zur Hand?", "Wann ist denn die Geburtstagsfeier?",
                  "Ist das eine Visa oder eine Mastercard?", "Auf welchen Namen läuft die Karte?",
                  "Wie lautet Ihre Postleitzahl?", "Wie lautet Ihre E-Mail-Adresse?",
                  "Haben Sie schon versucht, Ihr Passwort zurückzusetzen?", "Wie lautet Ihre Bestellnummer?",
                  "Wie möchten Sie heute bezahlen?", "Sind Sie der Kontoinhaber?", "Wurde die Karte verloren oder gestohlen?",
                  "An welchem Datum haben Sie bezahlt?", "Wie ist Ihr vollständiger Name?",
                  "Alles Gute zum Geburtstag übrigens!"],
        N_OTHER: ["Wann läuft Ihr Reisepass ab?", "Wo sind Sie geboren?",
                  ("Wie lautet Ihre Kundennummer?", "borderline: customer reference, not a bank account")],
        N_MASK: ["Ist das die Karte mit den Endziffern eins zwei drei vier?",
                 "Können Sie bestätigen, dass die Kartennummer auf vier drei zwei eins endet?"],
        N_YESNO: ["Ist das Geburtsdatum, das wir gespeichert haben, noch richtig?"],
        N_PRE: ["Haben Sie Ihre Karte zur Hand?", "Haben Sie Ihren Reisepass griffbereit?"],
        N_OWN: ["Entschuldigung, mein Passwort ist gerade abgelaufen, einen Moment bitte.",
                "Ich melde mich kurz mit meiner PIN neu an, Moment."],
        N_EDU: ["Wenn jemand anruft und nach Ihrer PIN fragt, legen Sie auf.",
                "Schreiben Sie Ihre Geheimzahl niemals auf die Karte.",
                "Vorsicht bei E-Mails, die nach Ihrem Passwort fragen."],
        N_HAND: ["Ich verbinde Sie jetzt mit unserem sicheren Zahlungssystem, dort tippen Sie die Kartendaten ein.",
                 "Gleich fragt Sie eine automatische Ansage nach Ihrer Kartennummer."],
        N_FUT: ["Beim nächsten Anruf werden Sie nach Ihrem Kennwort gefragt.",
                "Bei der Abholung müssen Sie Ihren Reisepass vorzeigen."],
        N_NONEED: ["Für eine Erstattung brauche ich die Prüfnummer nicht.",
                   "Das Ablaufdatum ist für diese Zahlung nicht nötig."],
    },
    "fill": ["äh", "ähm", "also", "gut", "okay", "prima", "super", "so", "alles klar", "ja", "also äh"],
    "mid": ["äh", "ähm"],
    "pre": ["danke fürs Warten", "so ich habe Ihren Vorgang offen", "gut die Adresse ist geändert",
            "danke dass Sie Ihren Namen bestätigt haben", "entschuldigen Sie die Wartezeit"],
    "join": [" und ", ", ", " und jetzt "],
}


# =============================================================== Portuguese

PT = {
    "np": {
        CC: ["o número do cartão", "o número do seu cartão de crédito", "os dezesseis dígitos do cartão",
             "o número completo do cartão", "o número grande na frente do cartão", "o número do seu cartão de débito",
             "os números da frente do cartão", "o número do cartão que vai usar"],
        CVV: ["o código de segurança", "os três dígitos atrás do cartão", "o CVV", "o código de verificação",
              "o código de três dígitos no verso", "os três números no verso do cartão"],
        EXP: ["a data de validade", "a data de validade do cartão", "a data de vencimento do cartão",
              "o mês e o ano de validade", "a validade do cartão"],
        DOB: ["a sua data de nascimento", "a data de nascimento", "a data de nascimento do titular",
              "sua data de nascimento completa"],
        BANK: ["o número da sua conta", "o número da conta bancária", "o NIB", "o IBAN", "a agência e o número da conta",
               "os dados bancários", "o número da conta para o reembolso"],
        PP: ["o número do seu passaporte", "o número do passaporte", "o número de passaporte que está na primeira página"],
        PIN: ["o seu PIN", "o código PIN", "o PIN de quatro dígitos", "o código secreto do cartão"],
        PW: ["a sua senha", "a senha do internet banking", "a senha de acesso", "a sua palavra-passe",
             "a senha da sua conta", "a senha do aplicativo"],
    },
    "families": {
        "q": ["pode me passar {o}?", "poderia me informar {o}?", "você pode me dizer {o}?", "{qual} {o}?",
              "pode me confirmar {o}?", "o senhor pode me passar {o}?", "a senhora poderia me informar {o}?",
              "consegue me passar {o}?", "pode ler para mim {o}?", "pode dizer-me {o}?",
              "podia indicar-me {o}, por favor?", "me passa {o}?", "me fala {o}?"],
        "imp": ["me passe {o}, por favor.", "me informe {o}.", "leia para mim {o}.", "me diga {o}, por favor.",
                "pode falar {o}.", "diga-me {o}, se faz favor.", "me confirme {o}."],
        "ind": ["preciso que o senhor me informe {o}.", "vou precisar {de}.", "só falta {o}.", "agora vou precisar {de}.",
                "para confirmar a sua identidade preciso {de}.", "se puder me passar {o}.", "preciso {de}, por favor.",
                "agora eu preciso {de}.", "a próxima coisa que preciso é {o}."],
        "terse": ["{o}, por favor.", "e {o}?", "agora {o}.", "{o} quando puder."],
        "key": ["digite {o} no teclado do telefone.", "por favor, digite {o} agora.", "tecle {o} no seu telefone."],
    },
    "suffix": ["", "", "", ", por favor", " quando puder", " para confirmar", ", se faz favor"],
    "please": ["por favor", "se faz favor"],
    "hand": {
        CC: ["e o número do cartão é?", "pode me passar os seis primeiros dígitos do cartão?",
             "me diga os quatro últimos dígitos do cartão.", "pode ler o número do cartão de quatro em quatro?",
             "com qual cartão vai pagar? me passa o número completo.",
             ("o número do cartão não passou, pode repetir para mim?", "re-request after a failure")],
        CVV: ["e os três números atrás?", "vira o cartão e me fala os três dígitos do verso.",
              "preciso do código de segurança que fica atrás do cartão."],
        EXP: ["e qual é a validade do cartão?", "até quando o cartão é válido? mês e ano.", "quando vence o cartão?",
              "e a data de validade é?"],
        DOB: [("em que ano o senhor nasceu?", "partial date of birth (year) counts"),
              "pode me confirmar a sua data de nascimento?", "quando a senhora nasceu?",
              "me diga dia, mês e ano de nascimento."],
        BANK: ["pode me passar a agência e a conta para o reembolso?", "pode ler o seu IBAN começando por PT?",
               "qual é o NIB da conta?", "em que conta quer receber? me passa o número."],
        PP: ["pode ler o número no canto superior direito do passaporte?",
             "preciso do número do passaporte de cada passageiro.", "e o número do passaporte é?"],
        PIN: [("digite a senha do cartão seguida de cerquilha.", "pt-BR 'senha do cartão' is the card PIN"),
              "qual é o seu PIN de quatro dígitos?", "marque agora o seu código PIN.",
              ("pode me informar a senha de quatro dígitos do cartão?", "pt-BR 'senha do cartão' is the card PIN")],
        PW: ["pode me dizer a primeira e a terceira letra da sua senha?", "soletre a sua senha, por favor.",
             "qual é a senha de acesso do aplicativo?", "me diga o segundo e o quinto caractere da sua palavra-passe."],
    },
    "combo": [
        ("pode me passar o número do cartão e a data de validade?", [CC, EXP], None),
        ("a validade e o código de segurança, por favor.", [CVV, EXP], None),
        ("preciso do número do passaporte e da sua data de nascimento.", [DOB, PP], None),
        ("me diga o número do cartão e depois os três dígitos de trás.", [CC, CVV], None),
        ("o número da conta e a data de nascimento do titular, por favor.", [BANK, DOB], None),
        ("obrigado, já tenho a sua data de nascimento; agora me passa o número do cartão.", [CC],
         "confirms one kind (not requested) then requests another"),
        ("perfeito, o cartão está anotado, e a validade?", [EXP], "card noted (not requested), expiry requested"),
    ],
    "negnp": {
        CC: [{"y": "o número do seu cartão", "t": "o número do cartão", "a": "o"}],
        CVV: [{"y": "o código de segurança", "t": "o código de segurança", "a": "o"}, {"y": "o CVV", "t": "o CVV", "a": "o"}],
        EXP: [{"y": "a data de validade", "t": "a data de validade", "a": "a"}],
        DOB: [{"y": "a sua data de nascimento", "t": "a data de nascimento", "a": "a"}],
        BANK: [{"y": "o número da sua conta", "t": "o número da conta", "a": "o"}, {"y": "o IBAN", "t": "o IBAN", "a": "o"}],
        PP: [{"y": "o número do passaporte", "t": "o número do passaporte", "a": "o"}],
        PIN: [{"y": "o seu PIN", "t": "o PIN", "a": "o"}, {"y": "o código PIN", "t": "o código PIN", "a": "o"}],
        PW: [{"y": "a sua senha", "t": "a senha", "a": "a"}, {"y": "a sua palavra-passe", "t": "a palavra-passe", "a": "a"}],
    },
    "negtpl": {
        N_NEVER: ["nunca vamos pedir {y}.", "o banco nunca pede {y} por telefone.", "lembre que nós nunca pedimos {y}.",
                  "ninguém do banco vai pedir {y}."],
        N_DONT: ["por favor, não me diga {y}.", "não precisa me passar {y}.", "não preciso {de_y} para isso.",
                 "nunca compartilhe {y} com ninguém.", "não fale {y} em voz alta."],
        N_PAST: ["o senhor já me passou {y} antes.", "{t} que a senhora me passou não confere.",
                 "{t} que o senhor informou não passou.", "já tenho {y}, obrigado."],
        N_CONF: ["obrigado, {t} está anotad{a}.", "perfeito, {t} confere.", "ótimo, {t} foi validad{a}.",
                 "certo, já anotei {t}."],
    },
    "neg": {
        N_PROC: ["o valor vai ser debitado no seu cartão em alguns dias.", "o seu pedido de passaporte está em análise.",
                 "já atualizei a sua conta.", "a nova senha do cartão chega pelo correio.",
                 "você pode redefinir a sua senha pelo site.", "o cartão novo chega em cinco dias úteis.",
                 "o reembolso vai para o mesmo cartão da compra.", "enviei um link para trocar a senha no seu e-mail.",
                 "o débito automático sai da sua conta no dia primeiro.",
                 "o seu cartão vence no mês que vem, o novo já está a caminho.",
                 "a transferência pode levar até três dias para cair na conta."],
        N_UNREL: ["o cartão ainda está na sua carteira?", "o senhor recebeu o cartão novo?", "qual é o seu banco?",
                  "qual é o melhor número para retornar a ligação?", "a senhora tem o código da reserva?",
                  "quando é a festa de aniversário?", "é visa ou mastercard?", "qual é o nome impresso no cartão?",
                  "qual é o seu CEP?", "qual é o seu e-mail?", "já tentou redefinir a senha?", "qual é o número do pedido?",
                  "como prefere pagar hoje?", "o senhor é o titular da conta?", "o cartão foi perdido ou roubado?",
                  "em que data fez o pagamento?", "pode me dizer o seu nome completo?", "feliz aniversário, aliás!"],
        N_OTHER: ["quando vence o seu passaporte?", "onde o senhor nasceu?",
                  ("qual é o número do protocolo?", "reference number, not a kind")],
        N_MASK: ["é o cartão com final um dois três quatro?",
                 "pode confirmar se o número do cartão termina em quatro três dois um?"],
        N_YESNO: ["a data de nascimento que temos no cadastro ainda está correta?"],
        N_PRE: ["o senhor está com o cartão em mãos?", "está com o passaporte aí?"],
        N_OWN: ["desculpe, a minha senha do sistema expirou, só um momento.",
                "vou entrar de novo no sistema com a minha senha."],
        N_EDU: ["se alguém ligar pedindo a sua senha, desligue.", "nunca anote a senha no cartão.",
                "cuidado com e-mails que pedem a sua senha."],
        N_HAND: ["vou transferir para a central automática onde o senhor digita os dados do cartão.",
                 "agora uma gravação vai pedir o número do cartão."],
        N_FUT: ["na próxima ligação vão pedir a sua senha.", "na retirada vai precisar apresentar o passaporte."],
        N_NONEED: ["para o reembolso não preciso do código de segurança.",
                   "não precisa da validade para esse tipo de pagamento."],
    },
    "fill": ["então", "tá", "beleza", "certo", "perfeito", "ok", "bom", "olha", "hã", "tá bom", "então tá"],
    "mid": ["hã", "ahn"],
    "pre": ["obrigado por aguardar", "certo já abri o seu cadastro", "pronto o endereço já foi alterado",
            "obrigado por confirmar o seu nome", "desculpe a demora"],
    "join": [" e agora ", " então ", " e ", " tá "],
}

LANG = {"en": EN, "es": ES, "fr": FR, "de": DE, "pt": PT}

# Positives per (lang, kind) including hand-written ones; fr/de/pt have no SSN, so they get a few more per kind.
POS_PER_KIND = {"en": 14, "es": 14, "fr": 15, "de": 15, "pt": 15}
# Templated negatives (never/dont/past/conf) per language, on top of the hand-written negatives.
NEG_TEMPLATED = {"en": 46, "es": 48, "fr": 50, "de": 50, "pt": 50}


# =============================================================== grammar helpers

def contract_de_fr(np):
    """French 'de' + noun phrase."""
    if np.startswith("le "):
        return "du " + np[3:]
    if np.startswith("les "):
        return "des " + np[4:]
    if np[0] in "aeiouéèêh" or np.startswith("l'"):
        return "d'" + np if not np.startswith("l'") else "de " + np
    return "de " + np


def contract_de_pt(np):
    for art, c in (("o ", "do "), ("a ", "da "), ("os ", "dos "), ("as ", "das ")):
        if np.startswith(art):
            return c + np[len(art):]
    return "de " + np


def fill_pos(lang, tpl, np):
    if lang == "en":
        return tpl.format(o=np)
    if lang == "es":
        pl = np.startswith("los ") or np.startswith("las ")
        return tpl.format(o=np, cual="cuáles son" if pl else "cuál es")
    if lang == "fr":
        o, g = np
        quel = {"m": "quel est", "f": "quelle est", "mp": "quels sont", "fp": "quelles sont"}[g]
        return tpl.format(o=o, quel=quel, de=contract_de_fr(o))
    if lang == "de":
        nom, acc, pl = np
        return tpl.format(nom=nom, acc=acc, lautet="lauten" if pl else "lautet")
    if lang == "pt":
        pl = np.startswith("os ") or np.startswith("as ")
        return tpl.format(o=np, qual="quais são" if pl else "qual é", de=contract_de_pt(np))
    raise ValueError(lang)


def fill_neg(lang, tpl, np):
    d = dict(np)
    if lang == "fr":
        d["de_y"] = contract_de_fr(np["y"])
    if lang == "pt":
        d["de_y"] = contract_de_pt(np["y"])
    for k in ("a", "e", "rel"):
        d.setdefault(k, "")
    return tpl.format(**d)


def cap_first(s):
    i = 0
    while i < len(s) and not s[i].isalpha():
        i += 1
    return s[:i] + s[i:i + 1].upper() + s[i + 1:] if i < len(s) else s


def _strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _strings(v)
    elif isinstance(x, (list, tuple)):
        for v in x:
            yield from _strings(v)


_DE_CAPS = None


def de_caps():
    """German words written capitalised mid-sentence in this file (nouns, Sie, Ihr...)."""
    global _DE_CAPS
    if _DE_CAPS is None:
        _DE_CAPS = set()
        for s in _strings(DE):
            for sentence in re.split(r"[.?!]", s):
                for w in re.findall(r"\w[\w-]*", sentence)[1:]:
                    if w[0].isupper():
                        _DE_CAPS.add(w)
    return _DE_CAPS


def lower_first(lang, text):
    """Lower-case the first word when something is put in front of it (keep I, acronyms, German nouns)."""
    m = re.match(r"^([¿¡]?)(\w[\w'-]*)(.*)$", text, re.S)
    if not m:
        return text
    lead, w, rest = m.groups()
    if lang == "en" and (w == "I" or w.startswith("I'")):
        return text
    if len(w) > 1 and w[1].isupper():
        return text
    if lang == "de" and w in de_caps():
        return text
    return lead + w[0].lower() + w[1:] + rest


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def norm_key(s):
    s = strip_accents(s.lower())
    s = re.sub(r"[^a-z0-9ß ]+", " ", s)
    return " ".join(s.split())


def add_suffix(lang, text):
    cfg = LANG[lang]
    suf = R.choice(cfg["suffix"])
    low = strip_accents(text.lower())
    if not suf or any(p in text.lower() for p in cfg["please"]) or text.endswith(("is", "es", "est", "ist", "é")):
        return text
    # no "... para verificar para verificar", "cuando guste cuando pueda", "confirme ... para confirmar"
    if any(w[:5] in low for w in re.findall(r"\w+", strip_accents(suf.lower())) if len(w) >= 4):
        return text
    m = re.match(r"^(.*?)([?.!…]*)$", text, re.S)
    body, punct = m.group(1), m.group(2)
    if suf.startswith(",") and body.endswith(","):
        suf = suf[1:]
    return body + suf + punct


EN_CONTRACT = [("going to", "gonna"), ("want to", "wanna"), ("what is", "what's"), ("I will", "I'll"),
               ("could you", "could ya"), ("let me", "lemme")]


def asr(lang, text):
    """Turn a clean sentence into a transcription-style one (or keep it clean)."""
    cfg = LANG[lang]
    if R.random() < 0.3:
        # Clean, punctuated, maybe with a spoken filler/preamble in front.
        t = text
        if R.random() < 0.25:
            t = cap_first(R.choice(cfg["fill"])) + ", " + lower_first(lang, t)
        return cap_first(t)
    t = text
    if lang == "en":
        for a, b in EN_CONTRACT:
            if a in t and R.random() < 0.35:
                t = t.replace(a, b)
    t = t.lower()
    t = re.sub(r"[¿¡?!.,;:…()\"]", " ", t)
    if R.random() < 0.5:
        t = t.replace("-", " ")
    words = t.split()
    if R.random() < 0.12 and len(words) > 3:
        i = R.randrange(1, len(words) - 1)
        words.insert(i, R.choice(cfg["mid"]))
    if R.random() < 0.08 and len(words) > 2:
        i = R.randrange(0, 2)
        words.insert(i, words[i])  # stutter
    t = " ".join(words)
    r = R.random()
    if r < 0.16:
        t = R.choice(cfg["pre"]).lower() + R.choice(cfg["join"]).replace(",", "") + t
    elif r < 0.58:
        t = R.choice(cfg["fill"]).lower() + " " + t
    if lang != "en" and R.random() < 0.3:
        t = strip_accents(t)
        if lang == "de" and R.random() < 0.5:
            t = t.replace("ß", "ss")
    return " ".join(t.split())


# =============================================================== generation

def round_robin(groups, need, seen):
    """Take up to `need` items, cycling over groups (each a shuffled list), skipping seen keys."""
    out = []
    groups = [list(g) for g in groups if g]
    for g in groups:
        R.shuffle(g)
    while len(out) < need and any(groups):
        for g in groups:
            while g:
                item = g.pop()
                k = norm_key(item[0])
                if k not in seen:
                    seen.add(k)
                    out.append(item)
                    break
            if len(out) >= need:
                break
    return out


def gen_lang(lang):
    cfg = LANG[lang]
    rows = []  # (clean_text, expected, note)
    seen = set()

    def add(text, expected, note):
        k = norm_key(text)
        if k in seen:
            return
        seen.add(k)
        rows.append((text, sorted(expected), note))

    # positives, per kind
    for kind in KINDS:
        if kind not in cfg["np"]:
            continue
        hand = cfg["hand"].get(kind, [])
        for h in hand:
            t, note = (h if isinstance(h, tuple) else (h, None))
            add(t, [kind], note)
        need = POS_PER_KIND[lang] - len(hand)
        groups = []
        for fam, tpls in cfg["families"].items():
            if fam == "key" and kind not in KEYPAD_KINDS:
                continue
            groups.append([(fill_pos(lang, tpl, np), None) for tpl in tpls for np in cfg["np"][kind]])
        for text, _ in round_robin(groups, need, seen):
            rows.append((add_suffix(lang, text), [kind], None))

    for text, exp, note in cfg["combo"]:
        add(text, exp, note)

    # hand-written negatives
    for note, texts in cfg["neg"].items():
        for h in texts:
            t, n = (h if isinstance(h, tuple) else (h, note))
            add(t, [], n)

    # templated negatives: cycle categories, kinds and noun phrases
    groups = []
    for note, tpls in cfg["negtpl"].items():
        per_kind = []
        for kind, nps in cfg["negnp"].items():
            per_kind.append([(fill_neg(lang, tpl, np), note) for tpl in tpls for np in nps])
        # interleave kinds inside a category so every kind gets its traps
        for g in per_kind:
            R.shuffle(g)
        inter = []
        while any(per_kind):
            for g in per_kind:
                if g:
                    inter.append(g.pop())
        groups.append(list(reversed(inter)))
    out, need = [], NEG_TEMPLATED[lang]
    while len(out) < need and any(groups):
        for g in groups:
            while g:
                text, note = g.pop()
                k = norm_key(text)
                if k not in seen:
                    seen.add(k)
                    out.append((text, note))
                    break
            if len(out) >= need:
                break
    for text, note in out:
        rows.append((text, [], note))
    return rows


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "tests", "data", "requests-independent.jsonl"))
    args = ap.parse_args()

    records = []
    final_seen = set()
    for lang in LANGS:
        for text, expected, note in gen_lang(lang):
            t = asr(lang, text)
            k = norm_key(t)
            tries = 0
            while k in final_seen and tries < 5:
                t = asr(lang, text)
                k = norm_key(t)
                tries += 1
            if k in final_seen:
                continue
            final_seen.add(k)
            rec = {"lang": lang, "speaker": "agent", "text": t, "expected": expected}
            if note:
                rec["note"] = note
            records.append(rec)

    R.shuffle(records)
    out = []
    for i, rec in enumerate(records, 1):
        out.append({"id": f"rq-{i:04d}", **rec})

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # count table: lines per language x kind (a multi-kind line counts in each), negatives, totals
    cols = [SHORT[k] for k in KINDS] + ["multi", "NEG", "lines"]
    table = {lang: dict.fromkeys(cols, 0) for lang in LANGS + ["all"]}
    for rec in out:
        for row in (table[rec["lang"]], table["all"]):
            for k in rec["expected"]:
                row[SHORT[k]] += 1
            row["multi"] += len(rec["expected"]) > 1
            row["NEG"] += not rec["expected"]
            row["lines"] += 1
    w = max(len(c) for c in cols) + 1
    print("lang " + "".join(c.rjust(w) for c in cols))
    for lang in LANGS + ["all"]:
        print(lang.ljust(5) + "".join(str(table[lang][c]).rjust(w) for c in cols))
    neg = table["all"]["NEG"]
    print(f"negatives: {neg}/{len(out)} = {neg / len(out):.1%}; wrote {os.path.relpath(args.out)}")


if __name__ == "__main__":
    main()
