"""The shop's `flask shop` commands."""
from __future__ import annotations

import click
from flask.cli import AppGroup

shop_cli = AppGroup("shop", help="The shop: stock ledger checks.")


@shop_cli.command("check-stock")
def check_stock_command() -> None:
    """Every counted product's stock equals the sum of its ledger; exit 1 and list those that do not."""
    from marketplace.stock import discrepancies

    wrong = discrepancies()
    for variant_id, stock, total in wrong:
        click.echo(f"variant {variant_id}: stock {stock}, ledger {total}")
    click.echo(f"stock ledger: {len(wrong)} products disagree")
    if wrong:
        raise SystemExit(1)
