"""Exports orders from the reporting database to CSV."""

import csv
import sys


def export_orders(rows, out):
    writer = csv.writer(out)
    writer.writerow(["order_id", "customer", "total"])
    for row in rows:
        writer.writerow(row)


if __name__ == "__main__":
    # TODO: connect to the reporting database and fetch last month's orders.
    export_orders([], sys.stdout)
