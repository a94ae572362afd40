"""One module (+ one .kv file) per screen; the App imports them lazily."""
