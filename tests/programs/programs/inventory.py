inventory = {}
log = [('add', 'apple', 5), ('add', 'pear', 2), ('remove', 'apple', 3),
       ('remove', 'kiwi', 1), ('add', 'apple', 1), ('remove', 'pear', 5)]
for action, item, qty in log:
    if action == 'add':
        inventory[item] = inventory.get(item, 0) + qty
    else:
        have = inventory.get(item, 0)
        if have < qty:
            print(f'cannot remove {qty} {item}: only {have}')
            continue
        inventory[item] = have - qty
        if inventory[item] == 0:
            del inventory[item]
    print(f'{action:>6} {item:<6}{qty:>3} -> {inventory}')
print(sorted(inventory.items()))
