import sys


def prefix(n):
    total = 0
    place = 1
    while place < n:
        high = n // (place * 10)
        digit = n // place % 10
        low = n % place
        total += high * 45 * place + digit * (digit - 1) // 2 * place + digit * (low + 1)
        place *= 10
    return total


left, right = map(int, sys.stdin.readline().split())
print(prefix(right) - prefix(left - 1))
