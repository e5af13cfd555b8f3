"""The English language pack: its settings in pack.toml, its data in the files beside it,
its code in code.py."""
