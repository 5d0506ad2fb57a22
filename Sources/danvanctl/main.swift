print("danvanctl")
