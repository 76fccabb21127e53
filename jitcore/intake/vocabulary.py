"""Words the reader recognises, in English, German, French, Spanish and Dutch.

All keys are normalised (``cells.normalise_word``: lower case, accents removed, ``ß`` → ``ss``,
punctuation → spaces). Phrases are separated by ``|``.
"""

from __future__ import annotations


def _words(text: str) -> set[str]:
    return {word.strip() for word in text.split("|") if word.strip()}


#: Header words naming each role. A whole header or one of its words scores 2.
ROLE_WORDS: dict[str, set[str]] = {
    "date": _words(
        "date|datum|day|tag|dag|jour|fecha|dia|period|periode|periodo|week|woche|kw|"
        "kalenderwoche|semaine|semana|month|monat|mois|mes|maand|time|zeit|timestamp|ds|"
        "yearmonth|jahrmonat|order date|invoice date|ship date|posting date|sales date|"
        "fecha pedido|date commande|date de commande|date facture"
    ),
    "sku": _words(
        "sku|item|article|artikel|artikelnummer|artikelnr|artnr|art nr|product|produkt|produit|"
        "producto|part|part number|partnumber|teil|teilenummer|material|materialnummer|matnr|"
        "code|ean|gtin|upc|reference|ref|referencia|articulo|artikelcode|series|serie|item id|"
        "item code|item no|product id|product code|sku id|dept|department|abteilung|"
        "sachnummer|codigo|code article|productcode|produktnummer|article number|item number"
    ),
    "quantity": _words(
        "quantity|qty|qte|units|pieces|pcs|demand|sales|sold|volume|menge|anzahl|stuck|stueck|"
        "stk|absatz|bedarf|verkauf|nachfrage|quantite|unites|ventes|vente|demande|cantidad|"
        "unidades|uds|ventas|demanda|aantal|hoeveelheid|stuks|verkoop|vraag|afzet|count|orders|"
        "ordered|order qty|units sold|quantity sold|y|value"
    ),
}

#: Stems found inside compound headers (Bestellmenge, Verkaufsdatum): score 1.
ROLE_STEMS: dict[str, tuple[str, ...]] = {
    "date": ("datum", "date", "fecha"),
    "sku": (
        "artikel",
        "product",
        "produkt",
        "produit",
        "producto",
        "articul",
        "sku",
        "item",
        "material",
    ),
    "quantity": ("menge", "quant", "cantidad", "aantal", "qty", "anzahl", "hoeveelheid", "units"),
}

#: Words that make a column a poor quantity (money, prices, identifiers, years).
NOT_QUANTITY = _words(
    "price|preis|prix|precio|prijs|cost|kosten|cout|coste|id|nr|no|number|nummer|numero|amount|"
    "betrag|montant|importe|bedrag|revenue|umsatz|turnover|omzet|eur|usd|chf|gbp|holiday|year|"
    "jahr|annee|ano|jaar|customer|kunde|client|cliente|klant|store"
)

#: Words that make a column a poor SKU (descriptions, customers, units, flags).
NOT_SKU = _words(
    "description|beschreibung|bezeichnung|omschrijving|descripcion|libelle|name|customer|kunde|"
    "client|cliente|klant|unit|einheit|unite|eenheid|unidad|uom|holiday|comment|kommentar|"
    "commentaire|note"
)

#: Yes/no words: a column of only these is a flag, not a SKU.
BOOLEAN = _words("true|false|yes|no|ja|nein|oui|non|si|nee|wahr|falsch")

_MONTH_NAMES: dict[int, str] = {
    1: "january|jan|januar|janner|janvier|janv|enero|ene|januari",
    2: "february|feb|febr|februar|fevrier|fevr|fev|febrero|februari",
    3: "march|mar|marz|maerz|mrz|mars|marzo|maart|mrt",
    4: "april|apr|avril|avr|abril|abr",
    5: "may|mai|mayo|mei",
    6: "june|jun|juni|juin|junio",
    7: "july|jul|juli|juillet|juil|julio",
    8: "august|aug|aout|agosto|ago|augustus",
    9: "september|sep|sept|septembre|septiembre|setiembre|set",
    10: "october|oct|oktober|okt|octobre|octubre",
    11: "november|nov|novembre|noviembre",
    12: "december|dec|dezember|dez|decembre|diciembre|dic",
}

#: Month names and abbreviations -> month number (1-12).
MONTHS: dict[str, int] = {
    word: month for month, words in _MONTH_NAMES.items() for word in _words(words)
}
