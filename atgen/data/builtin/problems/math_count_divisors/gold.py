import sys


def main():
    n = int(sys.stdin.readline())
    divisors = 1
    p = 2
    while p * p <= n:
        if n % p == 0:
            exponent = 0
            while n % p == 0:
                n //= p
                exponent += 1
            divisors *= exponent + 1
        p += 1 if p == 2 else 2
    if n > 1:
        divisors *= 2
    print(divisors)


main()
