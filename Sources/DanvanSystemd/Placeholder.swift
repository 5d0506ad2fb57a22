// placeholder until the systemd module lands
