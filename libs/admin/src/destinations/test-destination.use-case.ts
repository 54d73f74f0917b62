import { Injectable } from '@nestjs/common';
import {
  DestinationRepository, DestinationTesterRegistry, SecretCipher, secretOwner, toDestinationConfig,
  type DestinationTestResult,
} from '@activation/configuration';
import { ProblemException } from '../problem-details/problem';

/** One real call to the destination with its stored settings and secrets, like a setup test. */
@Injectable()
export class TestDestinationUseCase {
  constructor(
    private readonly destinations: DestinationRepository,
    private readonly testers: DestinationTesterRegistry,
    private readonly cipher: SecretCipher,
  ) {}

  async execute(id: string): Promise<DestinationTestResult> {
    const destination = await this.destinations.findById(id);
    if (!destination) throw ProblemException.notFound('destination', id);
    const tester = this.testers.get(destination.kind);
    if (!tester) {
      throw new ProblemException('notImplemented', `Testing a "${destination.kind}" destination is not available yet.`);
    }
    const secrets = this.cipher.decryptAll(destination.secrets, secretOwner.destination(id));
    return tester.test(toDestinationConfig(destination), secrets);
  }
}
