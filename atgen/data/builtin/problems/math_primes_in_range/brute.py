import sys

data = sys.stdin.read().split()
q = int(data[0])


def is_prime(x):
    if x < 2:
        return False
    d = 2
    while d * d <= x:
        if x % d == 0:
            return False
        d += 1
    return True


for i in range(q):
    l, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
    print(sum(1 for x in range(l, r + 1) if is_prime(x)))
