class InsufficientFunds(Exception):
    pass
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError('deposit must be positive')
        self.balance += amount
        self.history.append(('dep', amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(f'{self.owner}: need {amount - self.balance} more')
        self.balance -= amount
        self.history.append(('wd', amount))
    def __repr__(self):
        return f'Account({self.owner!r}, {self.balance})'
acct = Account('ann', 100)
for op, amt in [('deposit', 50), ('withdraw', 30), ('withdraw', 500), ('deposit', -5)]:
    try:
        getattr(acct, op)(amt)
        print(op, amt, 'ok', acct)
    except (InsufficientFunds, ValueError) as e:
        print(op, amt, type(e).__name__, e)
print(acct.history)
