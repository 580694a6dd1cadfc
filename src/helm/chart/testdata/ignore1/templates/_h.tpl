k: v
