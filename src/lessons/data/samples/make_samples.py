"""Write the bundled sample files from :func:`lessons.samples.synthetic_transactions`.

The samples are made up (seeded, so this script always writes the same bytes):

* ``sample_transactions_fr.csv``: 2,400 orders of 40 French businesses over 18 months, their
  amounts net of VAT (``Montant HT``, as revenue is measured), saved as a French spreadsheet
  saves them (``;``, decimal comma, no-break space between thousands,
  ``€``, ``DD/MM/YYYY``, Windows-1252, CRLF line ends);
* ``samples/customers_en.csv``: the same customers' net revenue, one row per customer, in an
  English format (``$1,234.56``), with made-up 1–5 scores for strategic value, growth
  potential and engagement.

Run: ``.venv/bin/python src/lessons/data/samples/make_samples.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from lessons.samples import synthetic_transactions

__all__ = ["CUSTOMERS", "customers_en", "transactions_fr"]

#: Made-up names, largest buyer first (the generator gives the first name the most orders).
CUSTOMERS = [
    "Banque Lumière",
    "Groupe Hôtelier Azur",
    "Ateliers Méca Lyon",
    "Boulangerie Martin",
    "Clinique Saint-Éloi",
    "Transports Rivière",
    "Éditions du Marché",
    "Café des Arts",
    "Pharmacie Centrale",
    "Cabinet Dupré & Associés",
    "Mairie de Valençay",
    "Société Générale des Eaux du Sud",
    "Garage Lefèvre",
    "Librairie Océane",
    "Fromagerie Bérard",
    "Agence Créa'Tif",
    "Menuiserie Roche",
    "Hôtel Le Château",
    "École Montessori Sèvres",
    "Imprimerie Gutenberg",
    "Électricité Moreau",
    "Traiteur Gourmet",
    "Opticien Vision+",
    "Salon Coiffure Élégance",
    "Plomberie Girard",
    "Vins & Terroirs",
    "Fleuriste Pétale",
    "Auto-École Dumas",
    "Cave Saint-Émilion",
    "Bijouterie Lacroix",
    "Studio Photo Lumen",
    "Ferme Bio du Val",
    "Pâtisserie Ladurée-Nord",
    "Crèche Les Lutins",
    "Informatique Pixel",
    "Cordonnerie Petit",
    "Brasserie du Port",
    "Laverie Express",
    "Tabac Presse Gare",
    "Épicerie Fine Noé",
]


def _orders() -> pd.DataFrame:
    orders = synthetic_transactions(rows=2400, customers=CUSTOMERS, seed=42)
    return orders.sort_values("date", kind="stable").reset_index(drop=True)


def _french_amount(value: float) -> str:
    # Windows-1252 has the no-break space (0xA0) but not the narrow one: Excel writes 0xA0.
    text = f"{abs(value):,.2f}".replace(",", "\u00a0").replace(".", ",")
    return ("-" if value < 0 else "") + text + "\u00a0€"


def transactions_fr() -> bytes:
    """The bytes of ``sample_transactions_fr.csv``.

    >>> transactions_fr()[:24]
    b'Date;Client;Montant HT\\r\\n'
    """
    orders = _orders()
    table = pd.DataFrame(
        {
            "Date": orders["date"].dt.strftime("%d/%m/%Y"),
            "Client": orders["customer"],
            "Montant HT": [_french_amount(v) for v in orders["amount"]],
        }
    )
    return table.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252")


def customers_en() -> bytes:
    """The bytes of ``samples/customers_en.csv``.

    >>> customers_en().splitlines()[0]
    b'customer,revenue,strategic_value,growth_potential,engagement'
    """
    revenue = _orders().groupby("customer")["amount"].sum().sort_values(ascending=False)
    rng = np.random.default_rng(7)
    table = pd.DataFrame(
        {
            "customer": revenue.index,
            "revenue": [f"${v:,.2f}" for v in revenue.to_numpy()],
            "strategic_value": rng.integers(1, 6, len(revenue)),
            "growth_potential": rng.integers(1, 6, len(revenue)),
            "engagement": rng.integers(1, 6, len(revenue)),
        }
    ).sample(frac=1, random_state=3)
    return table.to_csv(index=False).encode("utf-8")


if __name__ == "__main__":
    data = Path(__file__).resolve().parents[1]
    (data / "sample_transactions_fr.csv").write_bytes(transactions_fr())
    (data / "samples" / "customers_en.csv").write_bytes(customers_en())
