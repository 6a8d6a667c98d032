// Placeholder until the reporting tests land.
